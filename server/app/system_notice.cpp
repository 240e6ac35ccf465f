// system_notice: the box's sender, its conversation with the account, the message, the live event.
#include "app/system_notice.hpp"

#include "app/live_changes.hpp"
#include "classbook/common/crypto.hpp"
#include "store/community.hpp"
#include "store/system_messages.hpp"
#include "store/writer.hpp"

namespace classbook::app {

Status send_system_notice(store::WriteContext& w, store::Id user, const std::string& subject, const std::string& body) {
  auto sender = store::system_user(w.db, w.now_text);
  if (!sender) return sender.error();
  auto thread = store::system_thread(w.db, *sender, user, subject, w.now_text);
  if (!thread) return thread.error();
  const auto message = new_uuid();
  auto m = store::insert_message(w.db, thread->id, message, *sender, body, w.now_text);
  if (!m) return m.error();
  live::accounts(w, "message", {user}, {{"thread_id", thread->uuid}, {"message_id", message}});
  return ok_status();
}

}  // namespace classbook::app
