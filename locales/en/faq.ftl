menu-faq = ❓ FAQ
cmd-faq = Frequently asked questions (or just type your question)
faq-answer =
    <b>{ $question }</b>

    { $answer }

    <i>Source: { $source }</i>
faq-source-manual = manual { $codes }
faq-helpful = 👍 Helpful
faq-not-helpful = 👎 Not helpful
faq-related = Related: { $question }
faq-suggest = ❓ { $question }
faq-not-found =
    Sorry, I could not find an answer I trust, and I'd rather not guess.
    Did you mean one of these? You can also ask in other words.
faq-not-found-none = Sorry, I can't answer that, and I'd rather not guess. Try other words, or contact the people below.
faq-contacts =
    <b>Human help</b>: union worker hotline 12351 (24 hours); platform support Monday to Friday 9:00–12:00, 13:00–17:30.
faq-contact-line = • { $text }
faq-thanks = Thanks for the feedback!
faq-thanks-not-helpful = Thanks — we will improve this answer. For human help call 12351.
faq-programs = Choose a programme to browse its questions:
faq-program-general = General (login, contacts)
faq-program-member_card = Member service card and member management
faq-program-card_enrollment = Member-exclusive protection (member-card enrollment)
faq-program-ss_card = Social-security-card instant enrollment
faq-program-mutual_aid = Mutual-aid protection project 2020
faq-program-retiree = Retiree hospitalization plan
faq-program-list = <b>{ $program }</b> — press a question to see its answer:
faq-back-programs = ⬅️ Back to programmes
faq-too-long = That is a long question — please describe it in a sentence or two so I can find the answer.
faq-gaps-title = <b>Questions without a good answer</b> (count · case · question):
faq-gaps-empty = No unanswered questions at the moment.
faq-gaps-line = { $count } · { $kind } · { $query }
faq-kind-unanswered = no answer found
faq-kind-not_helpful = answer not helpful ({ $entry })
faq-inline-none = No answer found
faq-inline-hint = Type a question, e.g. forgot enrollment code
# unionbot ask, when it refuses (the closest questions follow in brackets)
faq-cli-no-answer = No answer I trust.
faq-empty = Please type your question, e.g. "I forgot our enrollment code".

## The answer engine (ui/answer_render.py)
answer-doc =
    <b>{ $title }</b>
    { $body }
answer-source-section = manual { $codes }, “{ $section }”
answer-also-parts = <b>The other part of your question:</b>
answer-also-line = • <b>{ $title }</b>: { $body }
answer-also-programs = <b>Each programme has its own rule; check the one you are enrolling in:</b>
answer-also-program-line = • [{ $program }] { $body }
answer-computed-error = The manual's rules do not allow this calculation:
    { $body }
answer-per-person = { $fee } yuan per person ({ $people ->
    [one] { $people } person
   *[other] { $people } people
  }).
answer-assumed-items = (No items were named, so the basic items { $items } are used; /calc lets you pick others.)
answer-due = By the rule “{ $rule }”: { $event } → at the latest { $due } { $time }.
answer-due-holidays-unknown = That year's public-holiday schedule is not loaded yet: working days are counted Monday to Friday.
answer-coverage-next-day = The rule: instant enrollment cover starts the day after the enrollment is submitted (completed).
answer-phone-ratio-low = Valid mobile numbers { $valid }/{ $total } = { $pct }%, below the required { $min }%: this roster's import fails (“导入失败”). Complete the valid mobile numbers, then import again.
answer-phone-ratio-ok = Valid mobile numbers { $valid }/{ $total } = { $pct }%, which meets the required { $min }% (the numbers must also be unique).
answer-import-limit = One import template takes at most { $limit } rows, one person each: a roster of { $people } needs { $files ->
    [one] { $files } file
   *[other] { $files } files
 }, uploaded one by one.
answer-preset-account = Units that enrolled last year and matched the correct unified credit code have a preset account: account { $account } (tuixiu + enrollment code { $code }), initial password { $password }. Otherwise ask your own union or the upper union.
answer-groups = For { $groups } = { $people ->
    [one] { $people } person
   *[other] { $people } people
  } in all:
answer-group = { $group } { $people }
answer-group-fee = • of which { $group } { $people }: { $fee } yuan (city allocation { $city } yuan)
answer-window-range = { $start } to { $due }
answer-window-by = due { $due }
answer-window-before = { $day }: not yet — it cannot be done yet. “{ $title }”: { $when }.
answer-window-open = { $day }: within the window, it can be done. “{ $title }”: { $when }.
answer-window-last-day = { $day }: this is the last day; “{ $title }” closes at { $due }.
answer-window-closed = { $day }: too late — it cannot be done any more. “{ $title }” closed at { $due }.
answer-window-not-open = { $day }: not open yet; “{ $title }” from { $due }.
answer-window-opened = { $day }: open; “{ $title }” since { $due }.
answer-window-shifted = The manual gives the dates of { $year }; the same days are assumed for this year — check the current year's notice.
answer-elig-who = { $who }:
answer-elig-sep = {", "}
answer-elig-female = woman
answer-elig-male = man
answer-elig-age = { $age } years old
answer-elig-zhibao = covered by 职保 (in service)
answer-elig-not-zhibao = not covered by 职保
answer-elig-yes = • { $group }: can join
answer-elig-no = • { $group }: cannot join
answer-elig-depends = • { $group }: depends on 职保 (an in-service worker covered by 职保 can; someone outside 职保 cannot)
answer-elig-by-age = • { $group }: depends on age (women under { $f } and men under { $m } can join)
answer-elig-group-a0 = Hospitalization basic A0
answer-elig-group-a1-a3 = Hospitalization enhanced A1–A3
answer-elig-group-b0-b3 = Serious illness B0–B3
answer-elig-group-c0-c3 = Accidental injury C0–C3
answer-elig-rule = The rule (manual [002], who may enroll): in-service workers covered by 职保 may join; people outside 职保 only while women are under { $f } and men under { $m }, and never the hospitalization basic item A0 (职保 in-service workers only).
answer-item-price = • { $item } on its own: { $full } yuan per person for a full year, { $half } for half a year
answer-pending-validation = Of { $total } pending, { $passed } passed validation: first remove the { $remove } who failed or were not validated (“移除全部校验未通过及未校验会员” removes them all), then click “提交办卡”; the card batch then holds { $passed }. Those removed can be added to the pending list again once their details are fixed.
answer-deduction-failed = { $people } applied for deduction, { $ok } succeeded, { $failed } failed: the unit must pay for those whose deduction failed.
answer-latest-year = Calculated with the latest year the manuals give; check the current year's notice.
answer-day = { $day } ({ $weekday })
answer-weekday-mon = Mon
answer-weekday-tue = Tue
answer-weekday-wed = Wed
answer-weekday-thu = Thu
answer-weekday-fri = Fri
answer-weekday-sat = Sat
answer-weekday-sun = Sun
answer-open-calc = 🧮 Open the calculator
answer-refused =
    Sorry, the manuals give no answer to this that I can trust, and I won't guess.
answer-refused-suggest = Did you mean:
answer-which-program = Which programme do you mean?
answer-receipts-equal = Mutual-aid special receipts must add up to the premium due: { $total } − the first { $first } = { $rest } yuan for the other.
answer-receipts-not-exceed = Retiree-plan e-receipts may not exceed the amount paid: { $total } − { $first } = at most { $rest } yuan for the other.
answer-uncovered = ⚠️ The manuals give no reliable answer to this part of your question, so I will not guess: { $parts }. The 12351 workers' hotline can help.
answer-uncovered-part = “{ $part }”
answer-uncovered-sep = ;{" "}
answer-also-related = <b>Related rules:</b>
answer-source = Source: { $source }
