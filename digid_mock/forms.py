from django import forms
from stdnum.nl import bsn as bsn_number

LEVELS = [
    ("urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport", "Basis"),
    ("urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract", "Midden"),
    ("urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard", "Substantieel"),
    ("urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI", "Hoog"),
]


class LoginForm(forms.Form):
    niveau = forms.ChoiceField(
        label="Betrouwbaarheidsniveau",
        choices=LEVELS,
        initial=LEVELS[1][0],
        required=False,
        widget=forms.RadioSelect,
    )
    bsn = forms.CharField(
        label="Burgerservicenummer",
        max_length=11,
        help_text="9 cijfers, bijvoorbeeld 999990019.",
        error_messages={"required": "Vul een burgerservicenummer in."},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_bsn(self):
        value = "".join(self.cleaned_data["bsn"].split()).replace(".", "").replace("-", "")
        # Old BSNs have 8 digits and a silent leading zero.
        if not value.isdigit() or len(value) not in (8, 9):
            raise forms.ValidationError("Een burgerservicenummer bestaat uit 9 cijfers.")
        value = value.zfill(9)
        if not bsn_number.is_valid(value):
            raise forms.ValidationError(
                "Dit is geen geldig burgerservicenummer. Controleer de cijfers."
            )
        return value

    def clean_niveau(self):
        return self.cleaned_data.get("niveau") or LEVELS[1][0]


# eHerkenning's assurance classes; municipalities mostly ask for eH3.
EH_LEVELS = [
    ("urn:etoegang:core:assurance-class:loa2", "eH2"),
    ("urn:etoegang:core:assurance-class:loa2plus", "eH2+"),
    ("urn:etoegang:core:assurance-class:loa3", "eH3"),
    ("urn:etoegang:core:assurance-class:loa4", "eH4"),
]


class BusinessLoginForm(forms.Form):
    eh_niveau = forms.ChoiceField(
        label="Betrouwbaarheidsniveau",
        choices=EH_LEVELS,
        initial=EH_LEVELS[2][0],
        required=False,
        widget=forms.RadioSelect,
    )
    kvk = forms.CharField(
        label="KvK-nummer",
        max_length=10,
        help_text="8 cijfers, bijvoorbeeld 68750110.",
        error_messages={"required": "Vul een KvK-nummer in."},
    )
    vestiging = forms.CharField(
        label="Vestigingsnummer (niet verplicht)",
        max_length=14,
        required=False,
        help_text="12 cijfers. Alleen als u voor één vestiging inlogt.",
    )

    def clean_kvk(self):
        value = "".join(self.cleaned_data["kvk"].split())
        if not value.isdigit() or len(value) != 8:
            raise forms.ValidationError("Een KvK-nummer bestaat uit 8 cijfers.")
        return value

    def clean_vestiging(self):
        value = "".join(self.cleaned_data.get("vestiging", "").split())
        if value and (not value.isdigit() or len(value) != 12):
            raise forms.ValidationError("Een vestigingsnummer bestaat uit 12 cijfers.")
        return value

    def clean_eh_niveau(self):
        return self.cleaned_data.get("eh_niveau") or EH_LEVELS[2][0]
