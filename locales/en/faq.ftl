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
faq-program-card_enrollment = Member-exclusive protection (member card enrollment)
faq-program-ss_card = Social security card instant enrollment
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
# a guide's steps asked in order ("where do I start", "what next?")
answer-guide-step-of = Step { $step } of { $total }. Ask “what next?” for the following one.
answer-guide-last-step = Step { $step } of { $total }: this is the last step.
answer-guide-end =
    <b>{ $guide }</b>
    The previous step was the last one: the process ends there. What to wait for at the end: { $check }
answer-guide-end-plain =
    <b>{ $guide }</b>
    The previous step was the last one: the process ends there.
answer-source-section = manual { $codes }, “{ $section }”
answer-also-parts = <b>The other part of your question:</b>
answer-also-line = • <b>{ $title }</b>: { $body }
answer-also-programs = <b>Each programme has its own rule; check the one you are enrolling in:</b>
answer-also-program-line = • [{ $program }] { $body }
answer-computed-error = The manual's rules do not allow this calculation:
    { $body }
answer-computed-no = <b>No</b>: the manual's rules do not allow it:
    { $body }
answer-per-person = { $fee } yuan per person ({ $people ->
    [one] { $people } person
   *[other] { $people } people
  }).
answer-assumed-items = (No items were named, so the basic items { $items } are used; /calc lets you pick others.)
answer-due = By the rule “{ $rule }”: { $event } → at the latest { $due } { $time }.
answer-due-offset = The rule: { $kind ->
    [opens] { $days } { $working ->
        [yes] { $days ->
            [one] working day
           *[other] working days
          }
       *[no] { $days ->
            [one] day
           *[other] days
          }
      } after the event
   *[other] within { $days } { $working ->
        [yes] { $days ->
            [one] working day
           *[other] working days
          }
       *[no] { $days ->
            [one] day
           *[other] days
          }
      } of the event
  }.
answer-due-holidays-unknown = That year's public-holiday schedule is not loaded yet: working days are counted Monday to Friday.
answer-tier-named = Priced at the { $tier } the question names: they apply to cover starting from { $start } to { $end } ([002]: instant enrollment pays the full-year or half-year rate by the start date's range); the start shown above is that range's first day.
answer-coverage-next-day = The rule: instant enrollment cover starts the day after the enrollment is submitted (completed).
answer-phone-ratio-low = Valid mobile numbers { $valid }/{ $total } = { $pct }%, below the required { $min }%: this roster's import fails (“导入失败”). Complete the valid mobile numbers, then import again.
answer-phone-ratio-ok = Yes, the import passes this check: valid mobile numbers { $valid }/{ $total } = { $pct }%, which meets the required { $min }% (the numbers must also be unique).
answer-phone-needed = A roster of { $total }: valid mobile numbers must reach { $min }% or more, so at least { $least } valid numbers ({ $total } × { $min }%; the numbers must also be unique), or the import fails (“导入失败”; manual [004] import template).
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
answer-window-open = { $day }: within the window, it can be done. “{ $title }”: { $when } ({ $left ->
    [one] { $left } day
   *[other] { $left } days
  } to the last day).
answer-window-last-day = { $day }: this is the last day; “{ $title }” closes at { $due }.
answer-window-closed = { $day }: too late — it cannot be done any more. “{ $title }” closed at { $due }.
answer-window-not-open = { $day }: not open yet; “{ $title }” from { $due }.
answer-window-opened = { $day }: open; “{ $title }” since { $due }.
answer-window-shifted = The manual gives the dates of { $year }; the same days are assumed for this year — check the current year's notice.
answer-elig-verdict-yes = <b>Yes.</b>
answer-elig-verdict-no = <b>No.</b>
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
answer-ss-card-lists = Right now you can submit the { $ready ->
    [one] { $ready } person
   *[other] { $ready } people
  } in the 【待提交】 (to submit) list: tick them, then click 【提交至上级审核】 (submit for upper review). The { $waiting } in 【待校验】 (to validate) cannot be submitted (此列表中人员不能提交参保): click 【获取社保卡和就业状态】 (fetch social security card and employment status) to validate them again and check after one working day; an employment status still abnormal is confirmed by hand in the 参保待确认名单 (pending confirmation list), a social security card status still abnormal rules out the social security card channel: enroll them with a union member service card instead (manual [000]).
answer-pending-validation-all = Yes: all { $total } pending members passed validation; click “提交办卡” and the card batch holds { $passed }.
answer-pending-validation = Not directly. Of { $total } pending, { $passed } passed validation: first remove the { $remove } who failed or were not validated (“移除全部校验未通过及未校验会员” removes them all), then click “提交办卡”; the card batch then holds { $passed }. Those removed can be added to the pending list again once their details are fixed.
answer-deduction-unknown = The question gives no deduction amount: the unit pays = total premium − people deducted × deduction amount = { $total } yuan − { $ok } × the amount ({ $people } applied). The amount is more than 0 and at most { $max } yuan per person, so the unit pays at least { $least } yuan (at { $max } yuan each).
answer-deduction-example = • At the deduction amount of the manual's worked examples, { $amount } yuan each: { $ok } × { $amount } = { $deducted } yuan deducted, the unit pays { $unit } yuan
answer-deduction-failed = { $people } applied for deduction, { $ok } succeeded, { $failed } failed: the unit must pay for those whose deduction failed.
answer-zhibao-split = For { $insured } covered by 职保 (社保人员) + { $uninsured } outside 职保 (非社保人员) (one batch, charged for the items chosen; people outside 职保 are not charged A0 and get no A0+B0+C0 bundle; manual [002], premium table):
answer-ratio-when = (Manual [002]: a roster within ±10% of last year's headcount is submitted directly with 【清册提交】; only beyond that does this unit social-security ratio check apply.)
answer-deletion-ok = Social-security code: with social security { $contributors }, enrolled { $enrolled } ({ $before }%): after deleting { $remove } it is { $left }/{ $contributors } = { $after }%, still at least { $min }%, so they can be deleted (【参保办理】 → the batch's 【修改参保名单】 → 【删除】 on the rows whose deduction failed). Rule (manual [004]): people whose deduction failed may be deleted as long as the { $min }% ratio holds.
answer-deletion-no = Social-security code: with social security { $contributors }, enrolled { $enrolled } ({ $before }%): after deleting { $remove } it would be { $left }/{ $contributors } = { $after }%, below { $min }%, so they cannot be deleted like that (at { $min }% at most { $most } can go). Rule (manual [004]): deleting people whose deduction failed requires the { $min }% ratio to hold; otherwise keep them (不减人员): the unit collects the premium from them or advances it.
answer-at = { $day } { $time }
answer-days-range = “{ $title }”: from { $start }; the last day is { $due }, when it closes.
answer-days-due = “{ $title }”: the last day is { $due }, when it closes.
answer-days-opens = “{ $title }”: from { $due }.
answer-window-in-time = { $day } at { $clock }: yes, still in time; it is the last day and “{ $title }” closes at { $hour } that day ({ $due }), so finish before { $hour }.
answer-window-too-late = { $day } at { $clock }: no, too late — it is closed; “{ $title }” closes at { $hour } that day ({ $due }), and { $clock } is after it.
answer-daily-allowance = { $item } daily hospital allowance: { $days ->
    [one] { $days } day
   *[other] { $days } days
  } × { $rate } yuan/day = { $amount } yuan (within the maximum of { $max } yuan).
answer-daily-allowance-capped = { $item } daily hospital allowance: { $days ->
    [one] { $days } day
   *[other] { $days } days
  } × { $rate } yuan/day = { $raw } yuan, above the maximum of { $max } yuan, so { $amount } yuan.
answer-benefit-table-rule = From the amounts of manual [002]'s benefit table (上海职工互助保障项目2020一览表, protection year { $year }); the table gives no claim procedure or assessment rules, the centre's review decides; for claims call 12351.
answer-benefit-difference = { $kind }: { $high_item } { $high } − { $low_item } { $low } = { $diff } apart.
answer-amount-wan = { $yuan } yuan ({ $wan }万)
answer-amount-yuan = { $yuan } yuan
answer-benefit-kind-accident-death = Accidental death
answer-benefit-kind-accident-disability = Accidental disability (maximum)
answer-benefit-kind-disease-death = Death from illness
answer-benefit-kind-serious-illness = 22 serious illnesses
answer-benefit-kind-female-cancer = Female cancer extra
answer-benefit-kind-daily-allowance = Daily hospital allowance (maximum)
answer-benefit-kind-deductible-subsidy = Deductible subsidy (maximum)
answer-benefit-kind-limit = Limit
answer-screen-headcount = People on the collective enrollment list = total members { $total } − without a card { $no_card } − retired { $retired } − deceased { $deceased } − to be confirmed { $unconfirmed } = { $enrolled }. Rule (manual [001], the 集中参保办理 screen): members without a card are not on the list (they need a card first); retired and deceased members are removed automatically; members not yet confirmed in the “参保待确认名单” are not on the list.
answer-channel-total = The batch's total (合计参保人数) = member card enrollment { $card } + social security card enrollment { $ss } = { $total ->
    [one] { $total } person
   *[other] { $total } people
  }. Rule (manual [000], FAQ): for one batch number, the member card channel shows only the people enrolled by member card and the social security card channel only those enrolled by social security card; the 合计参保人数 of the pending-submission list counts both.
answer-screen-submitted = The manual does not say how “集中参保已提交人数” (here { $submitted }) counts; the screen's 参保人数 prevails.
answer-new-retiree-yes = Retired { $retired }: between { $start } and { $end }, so a “new retiree” (新退休) of plan year { $year } (retired from July 1 of the year before to June 30 of this year): choose the situation 新退休 for people without social security; no material needs uploading (manual [004]).
answer-new-retiree-no = Retired { $retired }: not between { $start } and { $end }, so not a “new retiree” (新退休) of plan year { $year } (retired from July 1 of the year before to June 30 of this year). For people without social security choose their situation (干保, 出国, 其他 — 其他 needs a remark and an attachment); a code below 75% uploads material with 【上传相关材料】 (manual [004]).
answer-retired-remove-by-hand = Retired { $retired }: before { $before }, so outside the { $year } collective enrollment of the member-exclusive protection (people retired before { $before }, not that day, are all outside it). The system removes automatically (greys out, 自动剔除) only those retired by { $until } (end of August); people retired in September to December must be found and removed by hand; protection done for an ineligible retiree will not be paid (不予给付) (manual [001], important notice).
answer-retired-system-excludes = Retired { $retired }: before { $before }, so outside the { $year } collective enrollment of the member-exclusive protection (people retired before { $before }, not that day, are all outside it); people retired by { $until } (end of August) are removed automatically by the system (greyed out, 自动剔除) and are not on the list (manual [001], important notice).
answer-retired-not-excluded = Retired { $retired }: not before { $before }. The manual excludes from the { $year } collective enrollment of the member-exclusive protection only people retired before { $before } (not that day, 不含当日); this person is not excluded, so by that rule they can be enrolled. The manual does not say how people retiring during the year are handled afterwards: ask the upper union (manual [001]).
answer-over-age-who = { $who },{ " " }
answer-over-age-yes = { $who }{ $age } full years: at or over { $limit }, so the roster check 在职超龄 (over age) flags this person (否(超龄)). Remove them, or, if they are still in service paying social security, tick 【社保尚在缴金】 (the FAQ calls it 【医保享受在职待遇】) and then 【清册提交】.
answer-over-age-no = { $who }{ $age } full years: under { $limit }, so the 在职超龄 (over age) check does not flag this person.
answer-over-age-depends = { $age } full years: women are over age from { $f }, men from { $m }; it depends on the person's sex (not said).
answer-over-age-rule = The rule ([002] check 1, 在职超龄校验): women under { $f }, men under { $m }; people over age are removed, or kept by ticking 【社保尚在缴金】.
answer-elig-born = Born { $born }: on { $on } that is { $age } full years of age.
answer-selection-yes = { $items }: this selection is allowed.
answer-selection-no = { $items }: this selection is not allowed.
answer-selection-rules = Selection rules (manual [002], choosing the items): at least one basic item of A0, B0, C0; at most one of A1, A2, A3, and likewise at most one of B1–B3 and of C1–C3; enhanced items only on top of a basic item A0, B0 or C0; each item only once; A0, B0 and C0 together cost 180 instead of 190 yuan per person per year.
answer-event-before = { $event }: the cover has not started yet (it starts { $start }).
answer-event-after = { $event }: after the cover ended ({ $end }).
answer-event-waiting = • { $item }: { $event } is inside the waiting period ({ $days ->
    [one] { $days } day
   *[other] { $days } days
  }); events from { $since } on can be claimed.
answer-event-ok = • { $item }: { $event } is past the waiting period and within the cover (events from { $since } on can be claimed).
answer-event-benefits-unstated = Manual [004] gives only the cover period and the 30-day waiting period, not what the retiree plan pays or how much: ask the 12351 hotline.
answer-due-alias-premium-confirmed = The day given is when 【提交确认保费】 was clicked: [002]'s payment page says to transfer the premium within 15 days after 提交确认保费, so the 15 days count from that day (elsewhere the manual counts from the roster's submission; if that was earlier, counting from it is safer).
answer-item-price-people = 　{ $item } ({ $tier }): { $rate } yuan/person × { $people } = { $total } yuan (still only on top of a basic item)
answer-receipts-list-bad-mutual-aid = The receipts add up to { $parts } = { $sum } yuan, not the batch's premium of { $total } yuan: not like that. Rule (manual [002]): several special receipts are allowed, each with its own amount and title (the title may differ from the enrolling unit), but all receipts together must equal the batch total.
answer-receipts-list-ok-mutual-aid = The receipts add up to { $parts } = { $sum } yuan, equal to the batch's premium of { $total } yuan: yes, that is fine (titles may differ from the enrolling unit; manual [002]).
answer-receipts-list-bad-retiree = The e-receipts add up to { $parts } = { $sum } yuan, more than the { $total } yuan paid: not like that. Rule (manual [004]): the receipts together may not exceed the amount paid.
answer-receipts-list-ok-retiree = The e-receipts add up to { $parts } = { $sum } yuan, not more than the { $total } yuan paid: yes, that is fine (manual [004]).
answer-address-short = “{ $address }” has only { $length } characters, too few: for a member service card the member import's work address must be written out in full, at least { $min } characters (the last column of the sheet; manual [001]).
answer-address-ok = “{ $address }” has { $length } characters, which meets the minimum of { $min } (the work address must be written out in full; manual [001]).
answer-repeated-submission = The last one counts: { $last }. Rule (manual [001]): the grassroots collective submission can be repeated until { $by }, and the last record counts (the manual's dates are printed as { $year }).
answer-repeated-late = After { $by } the collective enrollment can no longer be submitted.
answer-latest-year = Calculated with the latest year the manuals give; check the current year's notice.
answer-day = { $day } ({ $weekday })
answer-weekday-mon = Monday
answer-weekday-tue = Tuesday
answer-weekday-wed = Wednesday
answer-weekday-thu = Thursday
answer-weekday-fri = Friday
answer-weekday-sat = Saturday
answer-weekday-sun = Sunday
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
answer-processing-account-reset = Form e-mailed on { $sent }: handled on { $first } at the earliest and { $last } at the latest. Rule (manuals [002] [004]): for a unit without a union, the back office handles the account recovery / password reset e-mail within { $least }-{ $most } working days of receiving it, and the password becomes abc123456; counted here from the day the e-mail was sent (as the day it was received).
