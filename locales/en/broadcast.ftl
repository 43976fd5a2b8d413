bc-admins-only = Only administrators can broadcast.
bc-ask-audience = Who should get the message?
bc-aud-all = Everyone
bc-aud-members = Members only
bc-aud-clerks = Clerks only
bc-ask-text = Send the text for "{ $audience }" (at most { $limit } characters; Telegram's bold, italics and links are kept). Send /cancel to stop.
bc-text-only = Only text can be broadcast for now. Send a text message, or /cancel.
bc-preview = <b>Preview</b>: to "{ $audience }", { $count ->
    [one] { $count } person
   *[other] { $count } people
  }, once each.
bc-btn-send = 📣 Send ({ $count })
bc-btn-cancel = Cancel
bc-btn-stop = ⏹ Stop
bc-cancelled = Cancelled; nothing was sent.
bc-running = 📣 Broadcast #{ $id } in progress…
bc-done = ✅ Broadcast #{ $id } finished.
bc-cancelled-final = ⏹ Broadcast #{ $id } stopped.
bc-progress = sent { $sent }   failed { $failed }   remaining { $remaining }
bc-stopping = Stopping…
bc-not-running = That broadcast has already ended.
err-broadcast-empty = The message is empty; please send the text to broadcast.
err-broadcast-too-long = The message has { $length } characters, over the limit of { $limit }; please shorten it and send it again.
err-broadcast-audience = Please choose who gets the message.
