"""French words and sentences."""

from __future__ import annotations

NUMBERS: dict[str, float] = {
    "zéro": 0, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
    "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20,
    "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60,
}  # fmt: skip
ARTICLES = {"un", "une"}
UNITS = {"minute": 1.0, "minutes": 1.0, "heure": 60.0, "heures": 60.0}
FILLERS = {
    "pour", "de", "d", "du", "et", "encore", "plus", "pendant", "durant",
    "environ", "supplémentaires", "supplémentaire", "avec", "à", "la", "le", "l",
    "maintenant", "s", "il", "te", "vous", "plaît", "nouvelle", "je", "j", "moi",
    "ma", "mon", "arrière", "reculons",
}  # fmt: skip
INTRODUCERS = {"pour", "de", "d"}
SELF = {"je", "j", "moi", "ma", "mon", "mes", "même"}
HUNDREDS = {"cent", "cents"}
HALVES = {"demi", "demie"}
QUARTERS = {"quart", "quarts"}
NEGATIVE = {"moins"}

COMPOUNDS: dict[str, tuple[str, ...]] = {"demiheure": ("demi", "heure")}

NOUNS = {
    "S": "(séance|session|entraînement|l'entraînement|exercice|l'exercice|marche|"
    "marche arrière|marche à reculons|workout|retrowalk|retro walk)",
    "A": "[une|la|ma|mon|le|un]",
    "W": "(de marche arrière|de marche à reculons|des séances|de mes séances|"
    "de mes entraînements|de marche|de retrowalk)",
    "MIN": "(minute|minutes)",
    "HOURS": "(heure|heures)",
}

SENTENCES: dict[str, list[str]] = {
    "start": [
        "(lance|démarre|commence|démarrer|lancer) <A> <S> [maintenant]",
        "(lance|démarre|commence|démarrer|lancer) <A> <S> {details}",
        "(je veux|on va|allons) marcher à reculons [maintenant]",
        "(je veux|on va|allons) marcher à reculons {details}",
        "(je veux|on va) faire <A> <S> [maintenant]",
        "(je veux|on va) faire <A> <S> {details}",
    ],
    "pause": [
        "(mets|mettre) <A> <S> en pause",
        "(mets|mettre) <A> <S> {person} en pause",
        "pause <A> <S>",
        "(mets|mettre) en pause <A> <S>",
    ],
    "resume": [
        "(reprends|reprendre|continue|relance) <A> <S>",
        "(reprends|reprendre|continue|relance) <A> <S> {person}",
    ],
    "stop": [
        "(arrête|termine|stoppe|finis|arrêter|terminer) <A> <S>",
        "(arrête|termine|stoppe|finis) <A> <S> {person}",
    ],
    "extend": [
        "(prolonge|rallonge) <A> <S> de {minutes}",
        "(prolonge|rallonge) <A> <S> {person} de {minutes}",
        "ajoute {minutes} (à|a) <A> <S>",
        "ajoute {minutes} (au|à l') <S>",
    ],
    "status": [
        "combien de temps (il reste|reste-t-il|reste t il) (dans|pour|sur|à) <A> <S>",
        "combien de temps reste-t-il (dans|pour|sur|à) <A> <S> {person}",
        "où en est <A> <S>",
        "où en est <A> <S> {person}",
        "comment se passe <A> <S>",
        "(statut|état) de <A> <S>",
        "combien de calories (j'ai|ai-je) brûlé[es] (pendant|dans|durant|pour) <A> <S>",
    ],
    "summary": [
        "[mon|le] (résumé|bilan) (de la semaine|hebdomadaire) <W>",
        "[le] (résumé|bilan) (de la semaine|hebdomadaire) <W> {person}",
        "comment s'est passée ma semaine de (marche arrière|marche à reculons|séances|"
        "marche|sport)",
        "comment se (passent|sont passées) mes séances cette semaine",
    ],
}

BARE: dict[str, list[str]] = {
    "pause": [
        "pause [s'il te plaît]",
        "(mets|mettre) en pause",
        "(fais|faisons) une pause",
    ],
    "resume": [
        "(reprends|reprendre|continue|continuer)",
        "on (continue|reprend)",
    ],
    "stop": [
        "(stop|arrête|arrêter|termine|terminer) [tout|s'il te plaît]",
        "(j'ai|c'est) fini",
        "ça suffit",
    ],
    "extend": [
        "(ajoute|prolonge de|rallonge de) {length_min} <MIN> [de plus]",
        "encore {length_min} <MIN>",
        "{length_min} <MIN> de plus",
        "(ajoute|prolonge de|rallonge de|encore) {length_h} <HOURS> [de plus]",
    ],
    "status": [
        "combien de temps (il reste|reste-t-il|reste t il)",
        "il reste combien de temps",
        "encore combien de temps",
        "combien de minutes (il reste|reste-t-il)",
        "combien de calories (j'ai|ai-je) brûlé[es]",
        "(statut|état)",
    ],
}
