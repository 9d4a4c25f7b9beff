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
