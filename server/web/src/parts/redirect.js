// redirect: go to another route in place of this one (replacing it in the history).
import { useEffect } from "preact/hooks";
import { useLocation } from "preact-iso";

export function Redirect({ to }) {
  const { route } = useLocation();
  useEffect(() => route(to, true), [to]);
  return null;
}
