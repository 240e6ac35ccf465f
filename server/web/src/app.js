// app: the routes of the app and the frame around them. Signed out, every page leads to sign-in and
// back to itself afterwards; a one-time password is changed before anything else.
import { useEffect, useState } from "preact/hooks";
import { LocationProvider, Router, Route, useLocation } from "preact-iso";
import { html } from "./html.js";
import { t } from "./i18n.js";
import { whenSessionLost } from "./api.js";
import { me, loadMe } from "./session.js";
import { startLive, stopLive } from "./live.js";
import { Layout } from "./parts/layout.js";
import { Loading, ErrorNote } from "./parts/notes.js";
import { Redirect } from "./parts/redirect.js";
import { LiveNote } from "./parts/live_note.js";
import { SignIn } from "./screens/sign_in.js";
import { PasswordChange } from "./screens/password_change.js";
import { Home } from "./screens/home.js";
import { Diary } from "./screens/diary.js";
import { Grades } from "./screens/grades.js";
import { KioskPin } from "./screens/kiosk_pin.js";
import { AbsenceNotice } from "./screens/absence_notice.js";
import { News } from "./screens/news.js";
import { Messages } from "./screens/messages.js";
import { Profile } from "./screens/profile.js";
import { NoticeSettings } from "./screens/notices.js";  // issue 13: a guardian's notices by e-mail
import { Homework } from "./screens/homework.js";
import { Journal } from "./screens/journal.js";
// journal grid (branch grid): a substitute's lesson sheet
import { LessonJournal } from "./screens/lesson_journal.js";
// issue 10 (pupil's more, class day)
import { Behaviour } from "./screens/behaviour.js";
import { Clubs } from "./screens/clubs.js";
import { Backpack } from "./screens/backpack.js";
import { Appeals } from "./screens/appeals.js";
import { ClassDay } from "./screens/class_day.js";
// timetable (issue 10)
import { PupilTimetable, TeacherTimetable } from "./screens/timetable.js";
// issue 12: the office's, the director's and the admin's areas
import { AREA_HOMES, AREA_ROUTES } from "./areas.js";
import { AreaHome } from "./parts/area_home.js";

// The app's own pages only: a link into the API (a CSV to download, a PDF, a backup) is the browser's
// to follow, never a page of the app (issue 12: the router took /api/v1/reports/….csv for a page).
const APP_PAGES = /^\/(?!api\/)/;

export function App() {
  return html`<${LocationProvider} scope=${APP_PAGES}><${Shell} /></${LocationProvider}>`;
}

function here() {
  return location.pathname + location.search;
}

function Shell() {
  const loc = useLocation();
  const [failure, setFailure] = useState(null);
  useEffect(() => {
    whenSessionLost(() => {
      me.value = null;
      if (location.pathname !== "/sign-in") loc.route(`/sign-in?next=${encodeURIComponent(here())}`, true);
    });
    loadMe().catch(setFailure);
  }, []);
  // Live updates while someone is signed in (and past a one-time password): screens read again
  // when what they show changes.
  const signedIn = !!me.value && !me.value.must_change_password;
  useEffect(() => {
    if (!signedIn) return undefined;
    startLive(() => {
      me.value = null;
      if (location.pathname !== "/sign-in") loc.route(`/sign-in?next=${encodeURIComponent(here())}`, true);
    });
    return stopLive;
  }, [signedIn]);

  if (failure) return html`<main id="main" class="page"><${ErrorNote} error=${failure} retry=${() => location.reload()} /></main>`;
  if (me.value === undefined) return html`<main id="main" class="page"><${Loading} /></main>`;
  if (me.value === null) {
    if (loc.path !== "/sign-in") return html`<${Redirect} to=${`/sign-in?next=${encodeURIComponent(here())}`} />`;
    return html`<${SignIn} />`;
  }
  if (me.value.must_change_password) return html`<${PasswordChange} />`;
  return html`<${Layout}>
    <${LiveNote} />
    <${Router}>
      <${Route} path="/sign-in" component=${() => html`<${Redirect} to=${loc.query.next || "/"} />`} />
      <${Route} path="/" component=${Home} />
      <${Route} path="/pupils/:pupil/diary/:week?" component=${Diary} />
      <${Route} path="/pupils/:pupil/grades/:term?" component=${Grades} />
      <${Route} path="/pupils/:pupil/kiosk-pin" component=${KioskPin} />
      <${Route} path="/pupils/:pupil/absence" component=${AbsenceNotice} />
      <${Route} path="/pupils/:pupil/homework" component=${Homework} />
      <${Route} path="/journal/:klass?/:subject?/:term?" component=${Journal} />
      <${Route} path="/journal-lesson/:lesson" component=${LessonJournal} />
      <${Route} path="/pupils/:pupil/behaviour/:week?" component=${Behaviour} />
      <${Route} path="/pupils/:pupil/clubs" component=${Clubs} />
      <${Route} path="/pupils/:pupil/backpack/:week?" component=${Backpack} />
      <${Route} path="/pupils/:pupil/appeals" component=${Appeals} />
      <${Route} path="/class" component=${ClassDay} />
      <${Route} path="/class/:klass/day/:date?" component=${ClassDay} />
      <${Route} path="/news" component=${News} />
      <${Route} path="/messages/:thread?" component=${Messages} />
      <${Route} path="/profile" component=${Profile} />
      <${Route} path="/profile/notices" component=${NoticeSettings} />
      <${Route} path="/pupils/:pupil/timetable/:week?" component=${PupilTimetable} />
      <${Route} path="/timetable/:week?" component=${TeacherTimetable} />
      ${AREA_HOMES.map((a) => html`<${Route} path=${a.home} component=${() => html`<${AreaHome} title=${a.title()} sections=${a.sections()} />`} />`)}
      ${AREA_ROUTES.map(([path, component]) => html`<${Route} path=${path} component=${component} />`)}
      <${Route} default component=${NotFound} />
    </${Router}>
  </${Layout}>`;
}

function NotFound() {
  return html`<section class="note"><h1>${t("notfound.title")}</h1><p><a href="/">${t("refused.home")}</a></p></section>`;
}
