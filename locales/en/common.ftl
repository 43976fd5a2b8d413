# Common messages (foundation). Parameters are HTML-escaped automatically.

start-greeting =
    Hello, I am the <b>Union Service Assistant</b> 👋
    I help union members apply for the <b>union member service card</b> and answer questions about their protection,
    and I walk union clerks step by step through the platform's enrollment and roster work.
    First, tell me who you are:
start-role-member = 🙋 I'm a member (apply for a card)
start-role-clerk = 🧾 I'm a union clerk
start-menu-member = Member services — please choose:
start-menu-clerk = Clerk workbench — please choose:
start-clerk-unbound =
    You are not linked to a union organisation yet. Ask your administrator for a clerk invite link and open it to link your unit.
    Until then you can still use the guides, calculators, roster pre-check and FAQ.
start-clerk-bound = Linked unit: <b>{ $unit }</b>
invite-ok = ✅ Done! You are now a clerk of <b>{ $unit }</b>.
menu-back = ⬅️ Back to menu
menu-switch-member = Switch to the member menu
menu-switch-clerk = Switch to the clerk menu

help-member =
    <b>What I can do for members</b>
    • /apply apply for the union member service card (stop any time, continue later)
    • /mycard your application's status and history
    • /faq frequently asked questions; or just type your question
    • /deadlines dates that concern you · /reminders reminders on/off (e.g. to collect your card once it is ready)
    • /lang language · /cancel leave the current form · /privacy privacy · /forget delete my data
help-clerk =
    <b>What I can do for clerks</b>
    • /guides step-by-step guides for every process
    • /status "where am I / what now"
    • /calc premiums, fee splits, coverage dates and waiting periods
    • /roster send an Excel roster and see what the platform would reject
    • /applications process your unit's members' card applications
    • /deadlines deadlines · /reminders reminder settings
    • /events record what your unit did (roster submitted, voucher uploaded …): I schedule what follows and remind you
    • /faq frequently asked questions; or just type your question
    • /lang language · /cancel leave the current form · /privacy privacy · /forget delete my data
help-admin =
    <b>Admin commands</b>
    • /admin the admin menu (everything below opens from there)
    • /newunit create a union organisation (name, level, parent unit) and get a clerk invite link
    • /units list units · /invite UNIT_ID new invite link
    • /broadcast send a notice to everyone
    • /calendar load next year's deadline calendar (a draft to start from) · /reminderlog what reminders went out
    • /faqgaps questions that got no good answer
    • /orphans card applications without a union (assign them to a registered one)

lang-choose = 请选择语言 / Please choose a language:
lang-set = Language set to English.
cancel-done = Left the current step; nothing half-finished was saved.
cancel-nothing = There is nothing in progress.
privacy-text =
    <b>Privacy</b>
    • We keep only what the service needs: your Telegram id, language and role, and what you submit yourself (card applications, reminder settings).
    • Document numbers and phone numbers are stored encrypted, always masked in messages, and never written to logs.
    • Only the clerks of your own union see your card application, to process it; the card roster handed to the bank is the one document with the full details.
    • Send /forget to delete everything we keep about you.
forget-confirm = Delete everything we keep about you? This cannot be undone, and open applications are deleted too.
forget-yes = Yes, delete
forget-no = No, keep it
forget-done = All your data has been deleted. Send /start to use the bot again.
forget-kept = OK, nothing was deleted.
form-expired = A form you left unfinished for { $days ->
        [one] { $days } day
       *[other] { $days } days
    } has been deleted, with what you had entered, to protect your personal data. Please start again if you still need it.
forget-expired = This confirmation button is no longer valid (older than { $minutes } minutes, or already used), so nothing was deleted. Send /forget again if you still want to delete your data.

error-internal = Sorry, something went wrong and we have logged it. Reference: <code>{ $ref }</code>. Please try again later, or send /cancel to start over.
throttle-notice = You are sending messages very fast — please wait a few seconds 🙏
fallback-unknown-command = I don't know that command. Send /help to see what I can do.
fallback-unsupported = For now I can only read text messages and .xlsx spreadsheets. Please describe your question in words, or send /help.
fallback-in-form = Please answer the question above in text, or send /cancel to leave.
fallback-stale-button = This button has expired. Please use the latest message or send /start.
fallback-not-your-button = This button is not for you.
fallback-too-long = That message is too long (at most { $max } characters). Please ask briefly.
fallback-group = To protect personal data, please use this service in a private chat with me.
fallback-no-permission = Sorry, you are not allowed to do that.
fallback-need-unit = Please link your union organisation first with the invite link from your administrator.

admin-only = This command is for administrators only.
admin-ask-unit-name = Full name of the new union organisation:
admin-ask-uscc = Its unified social credit code (18 characters), or press "Skip".
admin-ask-enroll-code = Its enrollment code (参保编码), or press "Skip".
admin-ask-district = Its district / industry union, or press "Skip".
admin-skip = Skip
admin-unit-created =
    ✅ Created unit <b>{ $name }</b> (id { $id }).
    Clerk invite link (single use, valid for { $days ->
    [one] { $days } day
   *[other] { $days } days
  }):
    { $link }
admin-invite = Clerk invite link for <b>{ $name }</b> (single use, valid for { $days ->
    [one] { $days } day
   *[other] { $days } days
  }):
    { $link }
admin-invite-usage = Usage: /invite UNIT_ID
admin-units-empty = No units yet. Send /newunit to create one.
admin-units-line = { $id }. { $name }{ $uscc }
admin-ask-level = Which level is this unit?
admin-level-grassroots = Grassroots union
admin-level-secondary = Secondary union
admin-level-district = District / industry union
admin-level-unknown = There is no such level. Please press one of the buttons: grassroots, secondary or district / industry union.
admin-ask-parent = Please choose its parent unit ({ $n } to choose from), or type a few characters of its name to search.
admin-ask-parent-many = There are { $n } possible parent units; the first { $shown } are below. Please type a few characters of the parent's name to search.
admin-ask-parent-empty = There is no unit yet that can be a parent (a secondary or district / industry union). You can choose "No parent for now", or create the parent unit first.
admin-parent-none-found = No parent unit's name contains "{ $text }". Please try other characters, or press "No parent for now".
admin-parent-line = { $name } ({ $level })
admin-parent-later = No parent for now
admin-summary-none = (none)
admin-summary =
    Please check the new unit:
    Name: <b>{ $name }</b>
    Level: { $level }
    Parent unit: { $parent }
    Unified social credit code: { $uscc }
    Enrollment code: { $code }
    District / industry union: { $district }
admin-btn-create = Create
admin-btn-cancel = Cancel
admin-confirm-press = Please press "Create" or "Cancel".
admin-unit-cancelled = Cancelled; no unit was created.
err-unit-parent-of-district = A district / industry union is the top of the review chain and cannot have a parent unit.
admin-menu-title = Admin menu, please choose:
admin-menu-units = Units
admin-menu-newunit = New unit
admin-menu-invites = Clerk invite links
admin-menu-calendar = Deadline calendar
admin-menu-broadcast = Broadcast a notice
admin-menu-reminderlog = Reminder log
admin-menu-faqgaps = Questions without a good answer
admin-menu-orphans = Card applications without a union
admin-invite-pick = Which unit is the clerk invite link for?
admin-invite-pick-many = There are many units; the first { $shown } are below. For another unit send /invite UNIT_ID (the ids are in "Units").
menu-admin = 🛠 Admin menu
err-unit-name = The unit name needs at least 2 characters; please enter it again.
err-unit-level = Unknown unit level.
err-unit-duplicate = This credit code is already registered as unit "{ $name }" (id { $id }).
err-unit-parent-missing = No parent unit with id { $id }.
err-unit-missing = No unit with id { $id }.
err-invite-unknown = This invite link is not valid. Please ask your administrator for a new one.
err-invite-used = This invite link has already been used. Please ask your administrator for a new one.
err-invite-expired = This invite link has expired. Please ask your administrator for a new one.

err-id-empty = Please enter the document number.
err-id-length = A resident ID number has 18 characters; you entered { $length }. Please check and enter it again.
err-id-format = The ID number's format is wrong: the first 17 characters must be digits and the last a digit or X.
err-id-region = The first two digits "{ $code }" are not a valid province code. Please check.
err-id-birth-date = The birth date "{ $value }" inside the ID number is not a valid date. Please check.
err-id-checksum = The last (check) character does not match — a digit is probably mistyped. Please check each digit and enter it again.
err-id-fullwidth = Full-width characters were converted to normal digits.
err-id-birthplace-unknown = Note: the 6-digit region code is not in that year's official table. Please double-check (you can still submit).
err-phone-empty = Please enter a mobile number.
err-phone-format = A phone number may contain only digits (optionally +86). Please enter it again.
err-phone-invalid = That is not a valid number. Please check the digits and enter it again.
err-phone-not-mobile = That looks like a landline. Please enter an 11-digit mobile number.
err-phone-not-mainland = Please enter an 11-digit mainland China mobile number.
err-uscc-empty = Please enter the unified social credit code.
err-uscc-length = A unified social credit code has 18 characters. Please check.
err-uscc-format = The credit code's format is wrong (digits and capital letters only, no I, O, Z, S, V).
err-uscc-checksum = The credit code's check character does not match. Please check each character.

cmd-start = Start / main menu
cmd-help = What I can do
cmd-lang = Language
cmd-cancel = Leave the current step
cmd-privacy = Privacy
cmd-forget = Delete my data
console-banner = —— Local console chat (user { $user }). Type text to send it; type a button's number to press it on the latest message, "#N 2" to press one of an earlier message (bot #N); a leading quote ('10) sends a number as text; /file PATH sends a file; /as USER_ID switches user; /tick [YYYY-MM-DD HH:MM] runs the reminders once as of that moment; /quit leaves ——
list-sep = {", "}
list-sep-clause = {", "}

# A day as English text writes it (US style, as the manuals' English texts): June 4, 2025.
date-day = { $month ->
     [1] January
     [2] February
     [3] March
     [4] April
     [5] May
     [6] June
     [7] July
     [8] August
     [9] September
     [10] October
     [11] November
    *[12] December
} { $d }, { $year }
date-month = { $month ->
     [1] January
     [2] February
     [3] March
     [4] April
     [5] May
     [6] June
     [7] July
     [8] August
     [9] September
     [10] October
     [11] November
    *[12] December
} { $year }
date-moment = { $day } { $time }
