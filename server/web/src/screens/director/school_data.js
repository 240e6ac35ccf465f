// school_data: the school's settings as the director's screens read them — GET /api/v1/school, the
// same answer the whole app keeps in session.school; after a change it is read again and put back
// there, so the journal, the grades and the reports use the new terms, scale and weights at once.
import { api } from "../../api.js";
import { school } from "../../session.js";
import { useApi } from "../../parts/use_api.js";

export function useSchool() {
  const read = useApi("/api/v1/school");
  const reload = async () => {
    read.reload();
    try {
      school.value = await api("GET", "/api/v1/school");
    } catch {
      /* the screen's own read says what failed */
    }
  };
  return { ...read, reload };
}
