"""Spanish words and sentences."""

from __future__ import annotations

NUMBERS: dict[str, float] = {
    "cero": 0, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
    "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11,
    "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16,
    "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20,
    "veinticinco": 25, "treinta": 30, "cuarenta": 40, "cincuenta": 50,
    "sesenta": 60, "noventa": 90,
}  # fmt: skip
ARTICLES = {"un", "una"}
UNITS = {"minuto": 1.0, "minutos": 1.0, "hora": 60.0, "horas": 60.0}
FILLERS = {
    "por", "de", "del", "y", "durante", "más", "otros", "otro", "otra", "otras",
    "con", "a", "al", "la", "el", "para", "ahora", "mi", "yo", "en", "hacia", "atrás",
}  # fmt: skip
INTRODUCERS = {"para", "de"}
SELF = {"yo", "mí", "mi", "mis", "mío", "mía", "mismo", "misma"}
HUNDREDS = {"cien", "ciento"}
HALVES = {"media", "medio"}
QUARTERS = {"cuarto"}
NEGATIVE = {"menos"}
COMPOUNDS: dict[str, tuple[str, ...]] = {}

NOUNS = {
    "S": "(sesión|sesion|entrenamiento|caminata|caminata hacia atrás|"
    "caminata atrás|marcha atrás|paseo|ejercicio|workout|retrowalk|retro walk)",
    "A": "[una|un|la|el|mi]",
    "SS": "(sesiones|entrenamientos|caminatas|paseos|ejercicios)",
    "MIN": "(minuto|minutos)",
    "HOURS": "(hora|horas)",
}

SENTENCES: dict[str, list[str]] = {
    "start": [
        "(empieza|empezar|inicia|iniciar|comienza|comenzar|arranca|pon) <A> <S> "
        "[ya|ahora]",
        "(empieza|empezar|inicia|iniciar|comienza|comenzar|arranca|pon) <A> <S> "
        "{details}",
        "(quiero|vamos a) caminar hacia atrás [ya|ahora]",
        "(quiero|vamos a) caminar hacia atrás {details}",
        "(quiero|vamos a) hacer <A> <S> [ya|ahora]",
        "(quiero|vamos a) hacer <A> <S> {details}",
    ],
    "pause": [
        "(pausa|pausar|detén un momento) <A> <S>",
        "(pausa|pausar) <A> <S> de {person}",
        "(pon|poner) <A> <S> en pausa",
        "(pon|poner) <A> <S> de {person} en pausa",
    ],
    "resume": [
        "(reanuda|reanudar|continúa|continua|continuar|sigue con|seguir con) <A> <S>",
        "(reanuda|reanudar|continúa|continua|continuar) <A> <S> de {person}",
        "(reanuda|reanudar|continúa|continua|continuar) (el|al) <S>",
    ],
    "stop": [
        "(para|parar|detén|deten|detener|termina|terminar|finaliza|acaba|acabar) "
        "<A> <S>",
        "(para|parar|detén|deten|detener|termina|terminar|finaliza) <A> <S> de "
        "{person}",
        "deja de caminar hacia atrás",
    ],
    "extend": [
        "(alarga|alargar|prolonga|prolongar|extiende|extender|amplía|amplia) <A> <S> "
        "(en|por) {minutes}",
        "(alarga|alargar|prolonga|prolongar|extiende|extender) <A> <S> de {person} "
        "(en|por) {minutes}",
        "(añade|agrega|suma) {minutes} (a|al) <A> <S>",
    ],
    "status": [
        "(cuánto|cuanto) tiempo (queda|me queda|le queda|falta) (de|en|para|a) <A> <S>",
        "(cuánto|cuanto) tiempo (queda|le queda|falta) (de|en|a) <A> <S> de {person}",
        "(cómo|como) va <A> <S>",
        "(cómo|como) va <A> <S> de {person}",
        "estado de <A> <S>",
        "(cuántas|cuantas) calorías (he quemado|llevo) (en|durante) <A> <S>",
    ],
    "summary": [
        "(resumen|balance) (semanal|de la semana) de (mis|las) <SS>",
        "(resumen|balance) (semanal|de la semana) de [las] <SS> de {person}",
        "(cómo|como) me (fue|va) (esta|la) semana con (mis|las) <SS>",
        "(cómo|como) (fue|ha ido) mi semana de (entrenamiento|caminata|ejercicio)",
    ],
}

BARE: dict[str, list[str]] = {
    "pause": [
        "(pausa|pausar) [por favor]",
        "(haz|hagamos) una pausa",
        "pon pausa",
    ],
    "resume": [
        "(reanuda|reanudar|continúa|continua|continuar|sigue|seguimos) [por favor]",
    ],
    "stop": [
        "(para|detente|termina|terminar|basta|alto) [por favor|ya]",
        "he terminado",
    ],
    "extend": [
        "(añade|agrega|suma) {length_min} <MIN> [más]",
        "{length_min} <MIN> más",
        "(dame|quiero) {length_min} <MIN> más",
        "(añade|agrega|suma) {length_h} <HOURS> [más]",
    ],
    "status": [
        "(cuánto|cuanto) (tiempo|me) queda",
        "(cuánto|cuanto) (falta|queda)",
        "(cuántos|cuantos) minutos (quedan|faltan)",
        "(cuántas|cuantas) calorías (he quemado|llevo)",
        "estado",
    ],
}
