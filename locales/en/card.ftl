menu-card-apply = 💳 Apply for the member service card
menu-card-status = 📋 My card application
menu-applications = 💳 Members' card applications
cmd-apply = Apply for the union member service card
cmd-mycard = My card application
cmd-applications = Process members' card applications

card-ask-kind = Union member service card — step 1: which kind of member are you?
card-kind-flexible = Flexible-employment member
card-kind-outside = Joined outside an enterprise
card-kind-enterprise = Enterprise-linked member (joined at your employer's union)
card-enterprise-note = Enterprise-linked members are submitted for a card by their grassroots union's clerk on the platform (卡片信息管理, manual [003]). The application you fill in here goes to your union's clerk.
card-ask-eligibility = Please confirm your situation:
card-elig-ok = I have a member number and no card yet
card-elig-no-number = I have no member number yet
card-elig-retired = I am retired
card-elig-has-card = I already hold a member service card
card-ask-member-no = Your member number (shown on the e-membership card or your membership details):
card-ask-name = Your name exactly as on your document (use "·" between parts of a name):
card-name-rare = My name has a character I can't type
card-rare-explained = OK — this goes through the special channel ([003]: people with rare characters go to 特殊办卡通道, where the clerk completes the record). The manual does not say how to type such a character; the bot's advice: use a same-sounding character or pinyin for now and tell your clerk the right character.
card-rare-flag = (rare character)
card-ask-doc-type = Choose your document type (the bot's list of common documents; the manual gives no full list, only resident ID and “non-ID” such as passports or HK/Macau/Taiwan residence permits; non-ID documents go through the special channel):
card-ask-doc-number = Your document number (I delete your message right away and show it only masked):
card-doc-echo = Document number received: { $number }
card-doc-derived = Read from the number: born { $birth }, { $gender }. Is that right?
card-gender-m = male
card-gender-f = female
card-doc-right = ✅ Correct
card-doc-wrong = ✏️ Enter again
card-ask-expiry = The document's expiry date (e.g. 2030-05-01), or press "Long-term":
card-expiry-long = Long-term
card-ask-nationality = Your nationality (e.g. China, United States):
card-ask-mobile = Your mobile number (11 digits):
card-phone-echo = Number saved: { $number }
card-ask-address = Your work unit's detailed address (the manual asks for the full address, at least 6 characters):
card-ask-union = Type your union's name (a few characters of it are enough; I search the registered unions):
card-ask-outlet = Choose the district of the bank outlet that issues your card:
card-ask-outlet-in = Issuing branches and outlets in { $district }:
card-outlets-sample = ⚠️ Note: the issuing branches and outlets below are a sample (made up); the manuals do not name the bank or its outlets. Until an admin imports the bank's list, do not go to a bank by it. You can pick one to go on; the real issuing branch and outlet are the ones your union clerk chooses on the platform at “提交办卡”.
card-ask-bank-phone = The phone the bank will call when your card is ready (it must be right, or the bank cannot reach you):
card-bank-phone-same = Same as above
card-summary-title = <b>Please check your application</b> (press a button to change any field):
card-field-kind = Member kind
card-field-member-no = Member number
card-field-name = Name
card-field-doc-type = Document type
card-field-doc-number = Document number
card-field-expiry = Expiry date
card-field-nationality = Nationality
card-field-mobile = Mobile
card-field-address = Work address
card-field-union = Union
card-field-outlet = Branch · outlet
card-field-bank-phone = Phone for the bank
card-field-channel = Channel
card-channel-normal = normal channel
card-channel-special = special channel
card-edit = ✏️ Change { $field }
card-confirm = ✅ Confirm and submit
card-cancel = Cancel
card-resume = Welcome back! Let's continue where you left off.
card-submitted = ✅ Application submitted, reference <b>{ $ref }</b>. I will tell you as soon as your union's clerk processes it. Send /mycard any time to see its status.
card-none-yet = You have no card application yet. Send /apply to start one.
card-status-line = Application <b>{ $ref }</b>: { $status }, { $channel }
card-status-reason = Reason: { $reason }
card-status-batch = Card batch: { $batch } (go to the chosen outlet when the bank calls)
card-withdraw = Withdraw this application
card-withdrawn = Application { $ref } withdrawn.
card-status-changed = 📣 Your member service card application <b>{ $ref }</b> is now <b>{ $status }</b>. Send /mycard for details.

cc-title = <b>Members' card applications</b>: pending { $pending } · pre-check passed { $ok } · pre-check failed { $fail } · submitted { $submitted }
    { card-st-legend }
cc-line = { $ref } · { $name } · { $doc } · { $status } · { $channel }
cc-run-check = 🔎 Run the system check
cc-batch-normal = 📦 Submit a card batch (normal)
cc-batch-special = 📦 Submit a card batch (special)
cc-batches = 🗂 Card batches
cc-prev = ⬅️ Previous
cc-next = Next ➡️
cc-checked = System check done: { $ok } passed, { $fail } failed.
cc-ask-outlet = { $count ->
    [one] { $count } checked application
   *[other] { $count } checked applications
  } will go into the batch. Choose the issuing branch and outlet:
cc-outlets-sample = ⚠️ The outlet list is still the sample (made up; the manuals name no bank outlets): no admin has imported the bank's list yet (unionbot cards import-outlets). On the platform's “提交办卡”, fill in the real issuing branch and outlet the bank gives you.
cc-ask-contact = Contact person's name:
cc-ask-contact-phone = Contact person's mobile (the bank uses it — it must be right):
cc-batch-created = ✅ Card batch <b>{ $ref }</b> created: { $count ->
    [one] { $count } person
   *[other] { $count } people
  }, { $branch } · { $outlet }. Download the roster, prepare the materials and go to the bank outlet.
cc-download = ⬇️ Download roster
cc-results = Record bank results
cc-revoke = Request revocation
cc-approve = ✅ Approve revocation
cc-reject = ❌ Reject
cc-no-batches = No card batches yet.
cc-batch-line = Batch { $ref } · { $status } · { $branch } · { $outlet }
cc-batch-counts = 办理总人数 (people) { $total } · 办理成功人数 (issued) { $issued }
cc-batch-submitted = submitted (批次撤销情况 “-”)
cc-batch-revoke-pending = revocation under review (bot's record; the platform shows it in the 批次撤销情况 column)
cc-batch-revoked = revoked (批次撤销情况: 审核通过)
cc-roster-caption = Card roster { $ref } ({ $count ->
    [one] { $count } person
   *[other] { $count } people
  }). It contains full document and phone numbers, for the bank only — keep it safe.
cc-no-results-open = Nobody in this batch is waiting for a result.
cc-results-title = Batch { $ref }: record each bank result (✅ success / ❌ failure)
cc-result-saved = Saved { $ref }: { $status }
cc-ask-applicant = Batch revocation request — applicant's name:
cc-ask-applicant-phone = Applicant's phone:
cc-revoke-sent = Revocation requested ({ $count ->
    [one] { $count } person
   *[other] { $count } people
  }); waiting for the district/industry union's review.
cc-reviewed-approved = Revocation approved: { $count ->
    [one] { $count } person
   *[other] { $count } people
  } released and can be submitted again.
cc-reviewed-rejected = Revocation rejected: { $count ->
    [one] { $count } person
   *[other] { $count } people
  } stay locked in the batch.
cc-no-revocations = No revocation requests to review.

err-card-form-incomplete = The form is missing “{ $field }”; send /apply to complete it.
err-card-name-empty = Please enter your name.
err-card-name-long = That name is too long (at most 40 characters).
err-card-name-chars = A name may contain Chinese characters, Latin letters and the middle dot "·" (not first or last); if a character can't be typed, press "My name has a character I can't type".
err-card-name-short = A Chinese name has at least 2 characters. Please check.
err-card-permit-prefix = A residence permit number for Hong Kong, Macau or Taiwan residents starts with 81, 82 or 83. Please check the type and number.
err-card-permit-is-not-id = This is a residence permit number: choose "港澳台居民居住证" as the document type.
err-card-doc-type = Please choose the document type first.
err-card-doc-format-hk-macau-permit = A Mainland Travel Permit for HK/Macau residents is H or M followed by 8 (or 10) digits. Please check.
err-card-doc-format-taiwan-permit = A Mainland Travel Permit for Taiwan residents has 8 (or 10) digits. Please check.
err-card-doc-format-foreign-pr = A foreigner's permanent residence ID is 3 letters + 12 digits, or 18 digits starting with 9. Please check.
err-card-doc-format-passport = A passport number has 5–17 letters or digits. Please check.
err-card-expiry-format = I could not read that date. Please write it like 2030-05-01, or press "Long-term".
err-card-expired = The document expired on { $date }. The bot does not accept expired documents (the bot's own rule: the manual does not say whether an expired document can be used, only that the expiry date must match the document). Renew it first, then apply; ask your union if in doubt.
err-card-expiry-far = "{ $date }" is too far ahead — please check the date on the document.
err-card-nationality = Please enter a nationality (e.g. China), without digits.
err-card-address-short = The address has only { $length } characters; the manual requires at least 6 — include street and number.
err-card-address-long = The address is too long (at most 120 characters).
err-card-union = Please enter your union's name or number (2–100 characters).
err-card-member-no = A member number has 4–32 letters or digits. Please check and enter it again.
err-card-kind = Please choose the kind of member.
err-card-has-card = You already hold a member service card, so you don't need a new one. If it is lost, ask the issuing bank to block and replace it.
err-card-retired = The card check includes retirement status, so retired members cannot apply here. Ask your union or call 12351.
err-card-no-member-no = You cannot apply before you have a member number. Wait until it is generated (after your membership is approved) or ask your union.
err-card-transition = An application cannot go from "{ $current }" to "{ $target }".
err-card-transition-role = You cannot set an application to "{ $target }".
err-card-catalogue-row = Row { $row } of the outlet list lacks a district, branch or outlet.
err-card-catalogue-empty = The outlet list has no outlets.
err-card-catalogue-unreadable = The outlet list cannot be read; give an .xlsx or YAML file.
err-card-catalogue-header = The outlet list's first row must have district, branch, outlet (and optionally address).
err-card-duplicate = This document number already has an open application or an issued card, so it cannot apply again. If the application is yours, send /mycard to see it; with questions ask your union or call 12351.
err-card-not-found = Application not found.
err-card-check-expired = document expired (the bot's rule) or expiry date invalid
err-card-check-address = work address shorter than 6 characters
err-card-check-age-note = ⚠️ Note (the bot's own, not the platform's check): by the birth date the member is 55+ (women) / 60+ (men). These ages are [002]'s over-age limit for people outside 职保, not a card rule; [003]'s system check verifies retirement status (退休状态). Retired members cannot get the card: please check whether this member has retired.
err-card-check-member-no = member number missing
err-card-check-special-incomplete = special channel details incomplete (nationality)
err-card-batch-empty = No checked applications to submit. Run the system check first.
err-card-revoke-state = This batch cannot do that now.
err-card-revoke-not-upper = A revocation is reviewed by the upper (district/industry) union.
err-card-batch-not-found = Batch not found.
err-card-contact = Please enter a name of 2–40 characters.
err-card-bank-failed = The bank could not issue the card; please contact your union clerk.
err-card-revoke-approved = batch revocation approved; can be submitted again
err-card-revoke-rejected = batch revocation rejected
card-field-line = { $field }: { $value }
cc-reason = {" "}({ $reason })
card-doctype-resident-id = Resident ID card (居民身份证)
card-doctype-hmt-residence = HK/Macau/Taiwan residence permit (港澳台居民居住证)
card-doctype-hk-macau-permit = HK/Macau travel permit (港澳居民来往内地通行证)
card-doctype-taiwan-permit = Taiwan travel permit (台湾居民来往大陆通行证)
card-doctype-foreign-pr = Foreigner's permanent residence ID (外国人永久居留身份证)
card-doctype-passport = Passport (护照)
card-st-none = no card (未办卡)
card-st-pending = pending (待办中)
card-st-checked-ok = pending (待办中) · bot pre-check: passed (已通过)
card-st-checked-fail = pending (待办中) · bot pre-check: failed (未通过)
card-st-submitted = submitted in a card batch (bot's record)
card-st-issued = card issued (已办卡)
card-st-failed = not issued by the bank (bot's record)
card-st-revoke-pending = batch revocation under review (bot's record)
card-st-withdrawn = withdrawn (bot's record)
card-st-legend = The platform's names ([003]): card status 未办卡 / 待办中 / 已办卡, check result (信息校验结果) 已通过 / 未通过, a batch's 办理总人数 / 办理成功人数; anything marked “bot” is this bot's own record or pre-check, with no such name on the platform.
card-history-line = · { $at } { $before } → { $after }

push-running = 📨 Telling the members about their new status…
push-done = ✅ Members told about their new status.
push-progress = sent { $sent }   failed { $failed }   remaining { $remaining }
card-self-service-note = Manual [003] says the platform's list (卡片信息管理) shows only enterprise-linked members: <b>flexible-employment (灵活就业) and outside-enterprise (企业外入会) members apply themselves in the WeChat account 申工社 → 服务大厅 (service hall) → 申请办卡 (apply for a card)</b>; a union clerk can neither see nor submit it for you.
    I will first check what you will fill in, field by field, with the same rules as this bot's card form (document number, expiry, mobile, address …), then tell you what to do in 申工社, so it is right the first time. The bot keeps none of it.
card-summary-title-prep = <b>Please check what you will fill in when you apply in 申工社</b> (press a button to change any field):
card-prep-done = ✅ Checked: how do I apply in 申工社?
card-prep-walk = <b>Applying in 申工社 (manual [003], personal application)</b>
    1. In WeChat, follow the official account 申工社;
    2. tap 服务大厅 (service hall) and open 申请办卡 (apply for a card);
    3. fill in what the page asks, using the checked answers below. The manual gives only the first two steps and does not list the page's fields: follow the page.
    The bot has kept none of this and passes nothing to a union clerk. Follow your application in 申工社; with questions call 12351 or ask your union.
card-prep-values = Your checked answers (document number and phones shown masked: type them as on your document):
card-kind-changed-prep = Flexible-employment and outside-enterprise members apply themselves in 申工社 (manual [003]); once checked, I will tell you how.
card-kind-changed-clerk = An enterprise-linked member's application goes to the grassroots union's clerk.
card-union-chosen = Union chosen: { $union }
card-union-matches = Registered unions close to "{ $union }" — pick yours:
card-union-no-match = No registered union matches "{ $union }". Type a few other characters, or press "My union is not listed".
card-union-not-listed = My union is not listed
card-union-not-listed-path = All right, "{ $union }" is recorded for now. Your union is not registered with this bot yet, so no clerk can see your application. Once submitted it goes to the administrators' list of applications without a union; when they have registered your union they pass it on and tell you. Please also ask your union to contact the bot's administrator to register and get a clerk invite.
card-union-orphan = Your union "{ $union }" is not registered with this bot yet: the application waits in the administrators' list of applications without a union, and you will be told when they pass it on to your union.
card-union-assigned = 📣 Your member service card application <b>{ $ref }</b> was passed on to "{ $union }", whose clerk handles it. Send /mycard to follow it.
card-resubmit = ✅ Done: resubmit
card-resubmitted = ✅ Application <b>{ $ref }</b> corrected and resubmitted; it waits for the clerk's check again.
card-fix = ✏️ Correct and resubmit
card-fix-hint = Press "Correct and resubmit" to fix it and hand it to the clerk again; with questions ask your union's clerk.
card-status-failed = 📣 Your member service card application <b>{ $ref }</b> is now <b>{ $status }</b>.
    Reason: { $reason }
    Send /mycard and press "Correct and resubmit" to fix it; with questions ask your union's clerk or call 12351.
err-card-not-fixable = This application cannot be changed now (only one that failed the check can be corrected and resubmitted).
err-card-resubmitted = corrected and resubmitted by the member
err-card-check-duplicate = the same document number has another open application or an issued card (a duplicate: check and remove it)
err-card-duplicate-in-batch = the same document number has another open application or an issued card (a duplicate), and this one is already in a submitted card batch, so it cannot be removed on its own: it leaves the batch only when the batch's revocation (撤销办卡批次申请) is approved by the district/industry union; otherwise record the bank's result
err-card-duplicate-issued = the same document number already had a card issued earlier (this is a second card: check it)
err-card-revoke-nobody = Nobody in this batch can be revoked any more (everyone has the bank's result), so no revocation can be asked.
err-card-revoke-reason = Please give the reason for the revocation (2-200 characters).
err-card-not-orphan = This application already belongs to a union, or is closed: it cannot be assigned.
cc-ask-revoke-reason = The reason for the revocation (it goes to the upper union's review):
cc-batch-closed = completed (everyone has the bank's result; bot's record)
cc-revoke-who = People who can be revoked: { $count } (those without the bank's result).
cc-batch-closed-now = ✅ Every person of batch { $ref } has the bank's result: the batch is completed.
cc-revoke-reason-line = Reason for the revocation: { $reason }
admin-orphans-none = No card applications without a union.
admin-orphans-title = Card applications without a union ({ $count }; the union the member named is not registered). Press one to assign it to a registered union:
admin-orphan-line = { $ref } · { $doc } · union named: { $union }
admin-orphan-ask-unit = Choose the union to assign it to, or type a few characters of its name to search (register a missing union with /newunit first):
admin-orphan-no-unit = No such union. Try other characters, or register the union with /newunit first.
admin-orphan-pick-unit = Choose the union:
admin-orphan-assigned = ✅ Application { $ref } assigned to "{ $union }": its clerk can now see and handle it; the member has been told.
card-share-phone = 📱 Send my phone number
card-share-own-phone = Please send your own phone number (press "Send my phone number" below, or type it).
card-withdraw-ask = Withdraw application <b>{ $ref }</b>? It cannot be undone: you would have to apply again.
card-withdraw-yes = Withdraw
card-withdraw-no = Keep it
card-withdraw-kept = All right, the application stays as it is.
card-status-issued = 📣 Your member service card application <b>{ $ref }</b> is now <b>{ $status }</b>.
    Outlet: { $where }. Manual [003] asks for an exact phone "so that the bank can contact you about collection" (便于银行联系领卡): watch for the bank's call to the phone you gave and collect the card at the outlet as the bank tells you (what to bring is the bank's to say; the manual does not).
err-card-warn-long-term-young = ⚠️ Note (the bot's, not a platform rule): by your birth date you are under 46; under the Resident Identity Card Law, long-term (长期) cards are generally issued from 46. Please check the expiry on your card again; if it is right, leave it.
err-card-warn-expiry-soon = ⚠️ Note (the bot's): the document expires within 60 days, maybe before the card can be collected. The manuals do not say how long collection takes; if it is about to expire, renew the document first and apply with the new one.
err-card-warn-address-one-word = ⚠️ Note: the work address is a single Latin word and does not look like a full address. The manual asks for the work unit's full address; if it is right leave it, otherwise change it in the summary.
err-card-ref-exhausted = No application reference could be made just now; please try again shortly.
card-back = ⬅️ Back
card-share-hint = Or press "📱 Send my phone number" below to send your own number in one tap.
cc-batch-preview = <b>Please confirm the card batch</b> (submitting makes the batch):
    People: { $count } ({ $channel }, every application that passed the check)
    Issuing branch · outlet: { $branch } · { $outlet }
    Contact: { $contact }　phone: { $phone }
    Manual [003]: make sure the phone is right, so that the bank can contact about collection.
cc-batch-confirm = ✅ Submit the batch
cc-import = 📥 Import the bank's result sheet
cc-import-ask = Send the bank's result sheet (.xlsx) of batch { $ref }: the roster you downloaded, with 办理结果 (result) filled in as 成功 (success) or 失败 (failure) and, for a failure, 失败原因 (reason). Rows are matched to the batch's people by document number; the manuals give no format for the bank's feedback, this one is the bot's.
cc-import-download-failed = The file could not be downloaded; please send it again.
cc-import-done = Bank results imported: { $issued } issued, { $failed } failed; { $blank } rows still without a result, { $already } rows already recorded (left as they were). The members have been told.
cc-import-unknown = These rows' document numbers are not in this batch and were not imported: rows { $rows }.
cc-import-bad = These rows' 办理结果 is neither 成功 nor 失败 and was not imported: rows { $rows }.
card-status-bank-failed = 📣 Your member service card application <b>{ $ref }</b> is now <b>{ $status }</b>.
    Reason: { $reason }
    Please ask your union's clerk, or call 12351.
err-card-results-unreadable = This file cannot be read: please send the bank's result sheet as .xlsx (up to 10 MB).
err-card-results-header = The sheet has no 证件号码 (document number) and 办理结果 (result) columns. Fill in the 办理结果 column of the roster you downloaded and send it again.
cc-detail = 🔍 { $ref }
cc-detail-title = <b>Application { $ref }</b>: { $status }
cc-detail-batch = Card batch: { $batch }
cc-search = 🔎 Find by name or reference
cc-search-ask = Type the member's name (a part of it will do) or the application's reference:
cc-search-none = No application found for "{ $text }".
cc-search-found = { $count ->
    [one] 1 application found:
   *[other] { $count } applications found:
}
cc-send-back = ❌ Send back (with a reason)
cc-reject-ask = The reason for sending application { $ref } back (the member reads it and can correct and resubmit):
cc-rejected = Application { $ref } sent back; the member has been told the reason.
err-card-reject-reason = Please give the reason for sending it back (2-200 characters).
