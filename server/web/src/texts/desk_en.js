// desk_en: the words of the desk screens (issue 12) in English; merged with texts/en.js by i18n.js.
export const TEXTS = {
};
export const PLURALS = {
};
export const SAY = {
};
