"""The first sheet of the workbook: what to do, in English and in French, side by side."""

from __future__ import annotations

INSTRUCTIONS: tuple[tuple[str, str], ...] = (
    ("The bot's content: read me first", "Le contenu du bot : à lire d'abord"),
    (
        "This workbook holds what the bot says. Change it here, save it (as .xlsx), then "
        "import it: make import FILE=content.xlsx (or python -m bot content import "
        "content.xlsx). The import checks everything first. If anything is wrong, it "
        "changes no file and lists each problem with its sheet, row and column.",
        "Ce classeur contient ce que dit le bot. Modifie-le ici, enregistre-le (en .xlsx), "
        "puis importe-le : make import FILE=content.xlsx (ou python -m bot content import "
        "content.xlsx). L'import vérifie tout d'abord. S'il y a un problème, il ne change "
        "aucun fichier et donne chaque problème avec sa feuille, sa ligne et sa colonne.",
    ),
    ("THE SHEETS", "LES FEUILLES"),
    (
        "Answers - Réponses: one row per topic, English and French side by side. Answer: "
        "plain text, an empty line between paragraphs, **two stars** around words in bold, "
        "a line starting with '- ' for a bullet. Nothing else (no single *, no __, no "
        "[links](…)): people would see them as typed. Related topics: ids separated by "
        "commas. Last reviewed: YYYY-MM-DD.",
        "Answers - Réponses : une ligne par sujet, anglais et français côte à côte. Réponse "
        ": texte simple, une ligne vide entre les paragraphes, **deux étoiles** autour des "
        "mots en gras, une ligne qui commence par '- ' pour une puce. Rien d'autre (pas de * "
        "seule, pas de __, pas de [liens](…)) : les gens les verraient tels quels. Sujets "
        "liés : les noms séparés par des virgules. Relue le : AAAA-MM-JJ.",
    ),
    (
        "Examples EN, Exemples FR: the questions that teach the bot, one a row, with their "
        "topic. Add a row to add an example (leave File empty), delete a row to remove one. "
        "After an import that changed examples: make train.",
        "Examples EN, Exemples FR : les questions qui apprennent au bot, une par ligne, avec "
        "leur sujet. Ajoute une ligne pour ajouter un exemple (laisse Fichier vide), "
        "supprime une ligne pour en enlever un. Après un import qui a changé des exemples : "
        "make train.",
    ),
    (
        "Menus: each menu's label and its items (topic or menu ids, separated by commas).",
        "Menus : le libellé de chaque menu et ses éléments (noms de sujets ou de menus, "
        "séparés par des virgules).",
    ),
    (
        "Numbers - Numéros, Offices - Bureaux: phone numbers and intake offices. A number "
        "goes in only with the page that publishes it (Page, Publisher, Published). Never "
        "guess a number. Last verified: the day a person of your team called it. Leave the "
        "Ref of a new row empty, and never change the Ref of other rows. To stop showing a "
        "number, write TO_CONFIRM as its phone.",
        "Numbers - Numéros, Offices - Bureaux : les numéros et les bureaux d'accueil. Un "
        "numéro entre seulement avec la page qui le publie (Page, Publié par, Date de la "
        "page). Ne devine jamais un numéro. Vérifié le : le jour où quelqu'un de ton équipe "
        "l'a appelé. Laisse vide la Réf d'une nouvelle ligne, et ne change jamais la Réf des "
        "autres. Pour ne plus montrer un numéro, écris TO_CONFIRM comme téléphone.",
    ),
    (
        "Countries - Pays: names, other spellings and towns people write (separated by "
        "commas). Danger words - Mots danger: the words that bring the emergency numbers "
        "first. Spellings - Écritures: SMS spellings and the word they mean.",
        "Countries - Pays : les noms, les autres écritures et les villes que les gens "
        "écrivent (séparés par des virgules). Danger words - Mots danger : les mots qui font "
        "sortir les numéros d'urgence en premier. Spellings - Écritures : les écritures SMS "
        "et le mot qu'elles veulent dire.",
    ),
    ("DO NOT", "À NE PAS FAIRE"),
    (
        "Do not rename, delete or reorder the sheets; do not change the titles in row 1. "
        "Do not delete the row of a topic, a number, an office, a country or a menu (the "
        "import refuses it). Do not save as .xls, .csv or .ods: always .xlsx.",
        "Ne renomme pas, ne supprime pas et ne déplace pas les feuilles ; ne change pas les "
        "titres de la ligne 1. Ne supprime pas la ligne d'un sujet, d'un numéro, d'un "
        "bureau, d'un pays ou d'un menu (l'import le refuse). N'enregistre pas en .xls, .csv "
        "ou .ods : toujours en .xlsx.",
    ),
    (
        "Phone numbers and dates: every cell is formatted as Text, so Excel keeps a leading "
        "+ or 0. If Excel still turns a number into a number, the import says where.",
        "Numéros et dates : chaque cellule est au format Texte, pour qu'Excel garde un + ou "
        "un 0 au début. Si Excel transforme quand même un numéro en nombre, l'import dit où.",
    ),
    ("AFTER THE IMPORT", "APRÈS L'IMPORT"),
    (
        "Close the workbook before importing. Then: make check, make chat to try the bot, "
        "and commit the changed files (git add content nlu; git commit). To start again "
        "from the files, export a new workbook.",
        "Ferme le classeur avant l'import. Ensuite : make check, make chat pour essayer le "
        "bot, et enregistre les fichiers changés dans git (git add content nlu ; git "
        "commit). Pour repartir des fichiers, exporte un nouveau classeur.",
    ),
)
