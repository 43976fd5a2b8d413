## Where am I / what now

menu-status = 🧭 Where am I / what now
cmd-status = What you can do in a platform status (e.g. /status 缴费凭证待上传)
status-choose-program = Which program?
status-choose-mode = { $program }: { $kind ->
    [deduction] which payment method did the unit choose?
    [normal] normal or special channel?
   *[other] collective or instant enrollment?
  }
status-choose-status = { $program }: which status does the platform show for the batch?
status-title = <b>{ $program }</b>
    Status: <b>{ $label }</b>
status-title-mode = <b>{ $program }</b> ({ $mode })
    Status: <b>{ $label }</b>
status-label-not-in-manual = (the manual does not print this status name; described by the flow)
status-allowed = <b>✅ Allowed now:</b>
status-conditional = <b>⚠️ Allowed with a condition:</b>
status-forbidden = <b>⛔ Not allowed now:</b>
status-line-allowed = • { $action }
status-line-conditional = • { $action }: { $condition }
status-line-forbidden = • { $action }: { $reason }
status-line-instead =   ➡️ First: { $action }
status-next = <b>Next step:</b> { $text }
status-deadline = <b>Deadline:</b> { $text }
status-source = Source: manual { $source }
status-can-i = Can I: { $action }?
status-other-status = 🔄 Another status
status-other-program = 🔄 Another program
status-answer-q = In status “{ $label }”, can I: { $action }?
status-answer-yes = ✅ Yes.
status-answer-no = ⛔ No.
status-answer-conditional = ⚠️ Yes, with a condition:
status-not-found = No status “{ $label }” found; please choose from the menu:
status-which-program = “{ $label }” exists in several programs; which one?
status-stale = This button has expired; please open the menu again.
status-same-reason = same reason as above.
