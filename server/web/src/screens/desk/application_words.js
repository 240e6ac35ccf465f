// application_words: what the regulation of access applications knows — who may apply, the documents
// each applicant presents, and the five grounds of a refusal — for the desk's forms and lists.
export const KINDS = ["parent", "legal_representative", "proxy", "pupil"];
export const DOCUMENTS = ["request", "birth_certificate", "identity_document", "guardianship_document", "power_of_attorney"];
export const GROUNDS = ["not_entitled", "not_a_pupil", "documents_invalid", "documents_conflict", "withdrawn"];

// What each kind must present (the server's rule, domain::required_documents): ticked by default,
// since most applicants bring what the regulation asks; the secretary unticks what is missing.
export const REQUIRED = {
  parent: ["request", "identity_document", "birth_certificate"],
  legal_representative: ["request", "identity_document", "guardianship_document"],
  proxy: ["request", "identity_document", "power_of_attorney"],
  pupil: ["request", "identity_document"],
};

// An approval the box refuses names the ground to deny with instead (its message says so too): the
// deny form opens with that ground chosen.
export const GROUND_FOR_REFUSAL = {
  "access_application.documents_missing": "documents_invalid",
  "access_application.names_mismatch": "documents_conflict",
  "access_application.pupil_not_found": "not_a_pupil",
  "access_application.pupil_ambiguous": "documents_conflict",
  "access_application.not_a_pupil": "not_a_pupil",
};
