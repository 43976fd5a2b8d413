menu-deadlines = ⏰ Deadlines
menu-reminders = 🔔 Reminder settings
menu-events = 📝 Unit events and due dates
cmd-deadlines = Deadlines that concern me
cmd-reminders = Reminder settings (programs, lead times)
cmd-events = Record a unit event (e.g. roster submitted)
cmd-unsubscribe = Turn deadline reminders off
dl-title = <b>Coming deadlines</b> (nearest first):
dl-line = 📅 <b>{ $due }</b> { $title }
    If missed: { $missed } (manual [{ $source }])
dl-line-opens = 🟢 From <b>{ $due }</b>: { $title }
    { $missed } (manual [{ $source }])
dl-line-unit = 🏢 <b>{ $due }</b> your unit: { $title }
    If missed: { $missed } (manual [{ $source }])
dl-hint-clerk = Reminder settings: /reminders   Record "roster submitted" and similar: /events
dl-none-upcoming = No coming dates in the calendar yet — an administrator has not loaded the new year's calendar. These are the dates of the latest year in the manuals ({ $year }), for reference:
dl-none-member = No deadlines for members to act on right now. I will tell you when your card application changes.
dl-unsubscribed = Deadline reminders are off. Send /subscribe to turn them back on.
dl-subscribed = Deadline reminders are on. Nothing between 22:00 and 08:00. Send /unsubscribe to turn them off.
dl-reminder = ⏰ Deadline reminder: <b>{ $title }</b>, due { $due }.
    If missed: { $missed }
dl-reminder-unit = ⏰ Your unit's due date: <b>{ $title }</b>, due { $due } (counted from { $since }, as your unit recorded).
    If missed: { $missed }
dl-reminder-opens = 🟢 Open now: <b>{ $title }</b> (from { $due }).
    { $missed }
dl-reminder-footer = Change reminders: /reminders   Turn off: /unsubscribe
dl-settings = <b>Deadline reminder settings</b>
    State: { $state }
    Programs: { $programs }{ $follow }
    Ahead by: { $leads }
    Nothing between 22:00 and 08:00: a reminder due then goes out at 08:00, unless the deadline is earlier.
dl-settings-member = <b>Reminder settings</b>
    State: { $state }
    Once the bank accepts your member service card, I remind you to go to the outlet you chose until you press "done".
    Nothing between 22:00 and 08:00.
dl-state-on = 🔔 on
dl-state-off = 🔕 off
dl-follows-unit = {" "}(following your unit's programs)
dl-progs-none = none
dl-leads-none = no advance reminders
dl-lead-7d = 7 days
dl-lead-3d = 3 days
dl-lead-1d = 1 day
dl-lead-morning = that morning
dl-lead-2h = 2 h before afternoon cut-offs
dl-prog-member-protection = Member basic protection
dl-prog-ss-card = Social security card instant enrollment
dl-prog-mutual-aid = Mutual aid
dl-prog-retiree = Retiree hospitalization plan
dl-prog-member-card = Member service card
dl-btn-follow-unit = ↩ Follow my unit's programs
dl-btn-unit-programs = 🏢 My unit's programs
dl-btn-events = 📝 Unit events
dl-btn-off = 🔕 Turn all reminders off
dl-btn-on = 🔔 Turn reminders on
dl-btn-back = ⬅ Back
dl-unit-programs = <b>Programs your unit takes part in</b>
    Your unit's clerks get reminders for these programs by default (unless they chose their own).
dl-clerks-only = This is for clerks.
dl-done-ok = Done — no more reminders about this.
dl-card-collect = 💳 Your member service card application ({ $ref }) is recorded by your clerk as issued (已办卡). The manual only says the bank will call the phone you left to arrange collection; the bot's reminder: watch for the bank's call, and go by the bank's notice for where to collect and what to bring (your chosen outlet: <b>{ $branch } · { $outlet }</b>). Once you have it, press the button and I will stop reminding you.
dl-card-done = ✅ Done, stop reminding me
dl-deadline-done = ✅ Done, stop reminding
dl-done-unit = Done — none of your unit's clerks will be reminded of this again.
ev-title = <b>Events recorded for your unit</b>
ev-line = #{ $id } { $name }: { $date }
    → { $title }, due { $due }
ev-line-opens = #{ $id } { $name }: { $date }
    → from { $due }: { $title }
ev-none = Nothing recorded yet.
ev-help = When you record "roster submitted", "deduction application submitted" and the like, I schedule the due date that follows (e.g. pay within 15 days) or the day to check a review's result (in working days, holidays skipped) for your unit and remind its clerks; undo a wrong record and its reminders are cancelled.
ev-kind = { $program } · { $event }
ev-roster-submitted = roster submitted
ev-deduction-applied = deduction application submitted
ev-status-fetched = clicked 获取社保卡和就业状态 (status fetch)
ev-code-applied = enrollment-code application submitted
ev-attachments-uploaded = roster attachments submitted (centre review)
ev-voucher-uploaded = payment voucher uploaded
ev-name-change-applied = unit name change submitted
ev-btn-new = ➕ Record: { $name }
ev-btn-undo = ↩ Undo #{ $id }
ev-ask-date = On which day was "{ $name }"? Press a button or send the date, e.g. 2026-11-20.
ev-today = Today
ev-yesterday = Yesterday
ev-bad-date = I could not read that date. Please send it like 2026-11-20, or /cancel.
ev-recorded = ✅ Recorded: { $name } ({ $date }). Your unit's due dates from it:
ev-already-passed = ⚠️ Counted from that day, the due date has already passed, so no reminder will go out; please act now or contact your upper union.
ev-undone = ↩ Undid "{ $name }" ({ $date }); its due dates and reminders are cancelled.
ev-no-unit = Your account is not linked to a unit yet. Please use the invite link from your administrator.
err-events-future = That day has not come yet. Please send a day that has passed.
err-events-too-old = That day is more than a year ago and cannot be recorded.
err-events-not-found = That record was not found (it may belong to another unit).
err-events-already-undone = That record was already undone.
cal-admins-only = Only administrators can load a calendar.
cal-ask = Please send the new year's deadline calendar (YAML or xlsx, in the format of the draft the button below sends). Years loaded: { $years }. Send /cancel to stop.
cal-broken = ⚠️ A loaded file is not valid and is skipped:
cal-wrong-type = Please send a .yaml or .xlsx file.
cal-too-big = That file is too big (limit 1 MB); a calendar is usually a few KB.
cal-download-failed = The file could not be downloaded; please send it again.
cal-rejected = ❌ The calendar was not loaded and nothing changed. { $count } problem(s):
cal-more = …and { $count } more.
cal-loaded = ✅ Loaded the { $year } calendar: { $deadlines ->
    [one] { $deadlines } deadline
   *[other] { $deadlines } deadlines
  }, { $rules ->
    [one] { $rules } relative rule
   *[other] { $rules } relative rules
  }. From the next minute, deadline answers and reminders follow it.
cal-send-file = Please send the calendar as a file (YAML or xlsx), or /cancel.
cal-btn-draft = 📝 Download a { $year } calendar draft
cal-draft-sent = Here is a draft { $year } calendar, carried over from each program's latest dates. Check and correct every date against the year's notice, delete the "draft: true" line, then send the file back to load it.
rl-title = <b>Reminders of the last 14 days</b> (per deadline and lead time, latest first):
rl-line = • { $when } { $about } ({ $lead }): { $counts }
rl-empty = No reminder was sent or settled in the last 14 days.
rl-card = card collection reminder (application #{ $id })
rl-broadcast = broadcast #{ $id }
rl-sent = sent { $n }
rl-failed = failed { $n }
rl-dropped = dropped after downtime { $n }
rl-dismissed = marked done { $n }
rl-sending = being sent { $n }
rl-admins-only = Only admins can read the reminder log.
dl-card-waiting = 💳 Your member service card is recorded as issued (application { $ref }): the manual only says the bank will call you about collection; watch for the call and go by the bank's notice (your chosen outlet: <b>{ $branch } · { $outlet }</b>; this is the bot's reminder). Once collected, press "done" on the reminder.
dl-carried = Carried over from the { $year } manual's dates; the notice of the year prevails.
# remarks the bot adds to a unit's deadline after the calendar's note
dl-note-rule-of-year = Counted by the rule of the { $year } calendar.
dl-note-holidays-unknown = The { $year } public-holiday schedule is not loaded yet: working days are counted Monday to Friday for now; the official notice prevails.
# written into each entry's note of a drafted calendar file (the admin deletes it once checked)
cal-draft-note = Draft: carried over from the { $year } dates; check against the year's notice before loading.
cal-draft-header =
    DRAFT calendar for protection year { $year }, carried over from earlier years.
    Check every date against the year's notice, correct it, add { $days_off } / { $working_weekends } if the
    holiday data does not know the year yet, take the 'Draft:' sentence out of each note you
    have checked, delete the "{ $draft }" line, then load the file.
cal-missing-title = <b>Data of the current protection year still missing</b> (answers carry over the latest manual year meanwhile):
cal-missing-none = The calendar and the fee tables of the current protection year are all loaded.
cal-missing-calendar = • Calendar: { $program }, protection year { $year } (now estimated from { $used }; unionbot calendar draft writes a draft)
cal-missing-rates = • Fee table: { $program }, protection year { $year } (now { $used } figures; unionbot rates draft writes a draft)

## calendar file problems (domain/calendar/files.py): where, then what; field names are the file's own
cal-problem-line = line { $n }:
cal-problem-row = row { $n }:
cal-problem-file = { $file }:
cal-p-time = { $field } must be YYYY-MM-DD HH:MM, not { $value }
cal-p-texts = { $field } needs zh and en texts
cal-p-day-list = { $field } must be a list of dates (YYYY-MM-DD)
cal-p-day-format = { $field } must be dates written YYYY-MM-DD, not { $value }
cal-p-not-weekend = { $day } is not a Saturday or Sunday
cal-p-both-lists = { $day } is in { $other } as well
cal-p-yaml = not valid YAML
cal-p-shape = the file needs { $year_key }: YYYY and a { $list_key } list
cal-p-draft = this calendar is a draft: check every date against the year's notice, then delete the draft line
cal-p-list = { $field } must be a list
cal-p-mapping = each entry must be a mapping
cal-p-id-missing = id is missing
cal-p-id-form = id must be 1-40 letters, digits, _ . or -, not { $value }
cal-p-id-duplicate = duplicate id { $value }
cal-p-choice = { $field } must be one of { $choices }
cal-p-audience = audience must be a list of { $choices }
cal-p-source = source must name the manual or notice the date comes from
cal-p-starts-after-due = starts is after due
cal-p-days-either = give either { $one } or { $other }
cal-p-days-positive = { $field } must be a positive whole number
cal-p-xlsx-refused = not a readable .xlsx file ({ $code })
cal-p-xlsx-unreadable = not a readable .xlsx file
cal-p-sheet-empty = the sheet is empty
cal-p-one-year = every row needs the same { $field }
