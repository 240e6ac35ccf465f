// admin_ru: the words of the admin screens (issue 12) in Russian; merged with texts/ru.js by i18n.js.
export const TEXTS = {
};
export const PLURALS = {
};
export const SAY = {
};
