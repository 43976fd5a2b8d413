## Step-by-step enrollment guides

menu-guides = 📘 Step-by-step guides
cmd-guides = Step-by-step guides (resume any time)
guides-choose = Choose a process and I'll walk you through it step by step (progress is saved; next time you continue where you stopped):
guides-progress-mark = (step { $step }/{ $total })
guides-step = <b>{ $guide }</b> (protection year { $year })
    <b>Step { $step } of { $total }: { $title }</b>
    📍 Where: { $where }
    👉 What to do: { $todo }
    🔍 Check: { $check }
guides-resumed = ⏯ Resumed where you stopped: step { $step }/{ $total }.
guides-next = Next ➡️
guides-back = ⬅️ Back
guides-finish = ✅ Finish
guides-stuck = 🆘 I'm stuck
guides-where-am-i = 🧭 Where am I (by platform status)
guides-list = 📘 All guides
guides-restart = 🔁 Start again
guides-unknown = This guide no longer exists; please open the guide list again.
guides-already-done = Your unit has finished every step of “{ $guide }” (protection year { $year }).
guides-completed = 🎉 All { $total ->
    [one] { $total } step
   *[other] { $total } steps
  } of “{ $guide }” (protection year { $year }) are done.
guides-stuck-title = <b>Step { $step } “{ $title }”: common problems</b>
guides-stuck-item = ❓ { $error }
    💡 { $fix }
guides-stuck-faq = You can also send /faq and ask in your own words.
guides-contacts = <b>Still stuck? Contact:</b>
guides-contact-line = { $text }
guides-stuck-kb = <b>Related answers from the knowledge base:</b>
guides-dates-carried = Dates carried over from the { $year } manual to protection year { $target }; the notice of the year prevails.
