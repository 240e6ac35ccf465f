// class_page: one class — its name, profile and class teacher, and who teaches what in it (a subject
// may have several teachers: the groups of a split class).
import { useState } from "preact/hooks";
import { useRoute } from "preact-iso";
import { html } from "../../html.js";
import { t, say } from "../../i18n.js";
import { api } from "../../api.js";
import { useApi } from "../../parts/use_api.js";
import { ErrorNote, Loading } from "../../parts/notes.js";
import { useForm, Field, FormError } from "../../parts/staff_form.js";
import { TeacherOptions } from "./classes.js";

export function ClassPage() {
  const { params } = useRoute();
  const classes = useApi("/api/v1/classes");
  const teachers = useApi("/api/v1/teachers");
  if (classes.loading) return html`<${Loading} />`;
  if (classes.error) return html`<${ErrorNote} error=${classes.error} retry=${classes.reload} />`;
  const c = classes.data.classes.find((x) => x.id === params.id);
  if (!c) return html`<${ErrorNote} error=${{ status: 404, code: "class.not_found" }} />`;
  const list = teachers.data ? teachers.data.teachers : [];
  return html`<section aria-labelledby="class-title">
    <p class="back"><a href="/office/classes">${t("office.back_to_classes")}</a></p>
    <h1 id="class-title">${t("office.class_title", { name: c.name })}</h1>
    <p><a href=${`/office/pupils?class=${c.id}`}>${t("office.class_pupils", { n: c.pupil_count })}</a></p>
    <div class="office-columns">
      <${ClassForm} key=${c.id} klass=${c} teachers=${list} onSaved=${classes.reload} />
      <${Teaching} klass=${c} teachers=${list} />
    </div>
  </section>`;
}

function ClassForm({ klass, teachers, onSaved }) {
  const f = useForm({ name: klass.name, profile: klass.profile || "", class_teacher_id: klass.class_teacher ? klass.class_teacher.id : "" });
  const [done, setDone] = useState(false);
  async function submit(e) {
    e.preventDefault();
    setDone(false);
    const v = f.values;
    const body = { name: v.name.trim(), profile: v.profile.trim() || null, class_teacher_id: v.class_teacher_id || null };
    if (await f.send(() => api("PATCH", `/api/v1/classes/${klass.id}`, body))) {
      setDone(true);
      onSaved();
    }
  }
  return html`<form class="card office-form" onSubmit=${submit} aria-labelledby="class-form-title">
    <h2 id="class-form-title">${t("office.particulars")}</h2>
    <${Field} form=${f} name="name" label=${t("office.class_name")} required autocomplete="off" />
    <${Field} form=${f} name="profile" label=${t("office.profile")} autocomplete="off" />
    <${Field} form=${f} name="class_teacher_id" label=${t("office.class_teacher")}><${TeacherOptions} teachers=${teachers} /></${Field}>
    <${FormError} form=${f} fields=${["name", "profile", "class_teacher_id"]} />
    <div class="buttons"><button class="primary" disabled=${f.busy}>${t("office.save")}</button>
      ${done && html`<span class="ok" role="status">${t("office.saved")}</span>`}</div>
  </form>`;
}

function Teaching({ klass, teachers }) {
  const teaching = useApi(`/api/v1/classes/${klass.id}/teaching`);
  const subjects = useApi("/api/v1/subjects");
  const [subject, setSubject] = useState("");
  const [teacher, setTeacher] = useState("");
  const [error, setError] = useState(null);
  const subjectList = subjects.data ? subjects.data.subjects : [];
  async function change(method, s, tch) {
    setError(null);
    try {
      await api(method, `/api/v1/classes/${klass.id}/teaching/${s}/${tch}`);
      teaching.reload();
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  }
  async function add(e) {
    e.preventDefault();
    const s = subject || (subjectList[0] && subjectList[0].id);
    if (s && teacher && (await change("PUT", s, teacher))) setTeacher("");
  }
  const rows = teaching.data ? [...teaching.data.teaching].sort((a, b) => a.subject.name.localeCompare(b.subject.name)) : [];
  return html`<section class="card" aria-labelledby="teaching-title">
    <h2 id="teaching-title">${t("office.teaching")}</h2>
    <${ErrorNote} error=${teaching.error} retry=${teaching.reload} />
    ${teaching.data && rows.length === 0 && html`<p class="empty">${t("office.teaching_none")}</p>`}
    ${rows.length > 0 && html`<div class="table-wrap"><table class="list stack teaching">
      <thead><tr><th scope="col">${t("office.subject")}</th><th scope="col">${t("office.teacher")}</th><th scope="col"><span class="sr">${t("office.actions")}</span></th></tr></thead>
      <tbody>${rows.map((r) => html`<tr><td>${r.subject.name}</td><td>${r.teacher.name}</td>
        <td><button type="button" onClick=${() => change("DELETE", r.subject.id, r.teacher.id)}
          aria-label=${t("office.teaching_remove_who", { subject: r.subject.name, teacher: r.teacher.name })}>${t("office.remove")}</button></td></tr>`)}</tbody>
    </table></div>`}
    <form class="teaching-add" onSubmit=${add}>
      <h3>${t("office.teaching_add")}</h3>
      <div class="field"><label for="ta-subject">${t("office.subject")}</label>
        <select id="ta-subject" value=${subject || (subjectList[0] && subjectList[0].id) || ""} onChange=${(e) => setSubject(e.currentTarget.value)}>
          ${subjectList.map((s) => html`<option value=${s.id}>${s.name}</option>`)}</select></div>
      <div class="field"><label for="ta-teacher">${t("office.teacher")}</label>
        <select id="ta-teacher" value=${teacher} onChange=${(e) => setTeacher(e.currentTarget.value)}>
          <option value="">${t("office.teacher_choose")}</option>
          ${teachers.map((x) => html`<option value=${x.id}>${x.full_name}</option>`)}</select></div>
      ${error && html`<p class="field-error" role="alert">${say(error)}</p>`}
      <button class="primary" disabled=${!teacher}>${t("office.teaching_add_do")}</button>
    </form>
  </section>`;
}
