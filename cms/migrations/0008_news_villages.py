# News pages choose their village from the same list as cases (contacts.constants.Village).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0007_jargon_terms"),
    ]

    operations = [
        migrations.AlterField(
            model_name="newspage",
            name="village",
            field=models.CharField(
                blank=True,
                choices=[
                    ("adorp", "Adorp"),
                    ("baflo", "Baflo"),
                    ("bedum", "Bedum"),
                    ("breede", "Breede"),
                    ("den-andel", "Den Andel"),
                    ("eenrum", "Eenrum"),
                    ("eppenhuizen", "Eppenhuizen"),
                    ("hornhuizen", "Hornhuizen"),
                    ("houwerzijl", "Houwerzijl"),
                    ("kantens", "Kantens"),
                    ("kloosterburen", "Kloosterburen"),
                    ("lauwersoog", "Lauwersoog"),
                    ("leens", "Leens"),
                    ("mensingeweer", "Mensingeweer"),
                    ("molenrij", "Molenrij"),
                    ("niekerk", "Niekerk"),
                    ("noordwolde", "Noordwolde"),
                    ("oldenzijl", "Oldenzijl"),
                    ("onderdendam", "Onderdendam"),
                    ("oosternieland", "Oosternieland"),
                    ("oudeschip", "Oudeschip"),
                    ("pieterburen", "Pieterburen"),
                    ("rasquert", "Rasquert"),
                    ("roodeschool", "Roodeschool"),
                    ("rottum", "Rottum"),
                    ("saaxumhuizen", "Saaxumhuizen"),
                    ("sauwerd", "Sauwerd"),
                    ("schouwerzijl", "Schouwerzijl"),
                    ("stitswerd", "Stitswerd"),
                    ("tinallinge", "Tinallinge"),
                    ("uithuizen", "Uithuizen"),
                    ("uithuizermeeden", "Uithuizermeeden"),
                    ("ulrum", "Ulrum"),
                    ("usquert", "Usquert"),
                    ("vierhuizen", "Vierhuizen"),
                    ("warffum", "Warffum"),
                    ("warfhuizen", "Warfhuizen"),
                    ("wehe-den-hoorn", "Wehe-den Hoorn"),
                    ("westernieland", "Westernieland"),
                    ("winsum", "Winsum"),
                    ("zandeweer", "Zandeweer"),
                    ("zoutkamp", "Zoutkamp"),
                    ("zuidwolde", "Zuidwolde"),
                    ("zuurdijk", "Zuurdijk"),
                ],
                help_text="Leeg: hele gemeente.",
                max_length=20,
                verbose_name="kern",
            ),
        ),
    ]
