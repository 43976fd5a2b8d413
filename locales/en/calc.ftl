## Calculators (mutual-aid premium, member protection fee split, retiree deduction, coverage dates, roster numbers)

menu-calc = 🧮 Calculators
cmd-calc = Premiums, fee splits, coverage dates
calc-choose = What would you like to calculate?
calc-kind-mutual-aid = Mutual-aid 2020 premium
calc-kind-member-basic = Member protection fee split
calc-kind-retiree = Retiree plan deduction
calc-kind-coverage = Coverage dates and waiting periods
calc-kind-numbers = Roster headcount / social-security ratio
calc-mode-collective = Collective (集中参保)
calc-mode-instant = Instant (即时参保)
calc-ask-mode = Collective or instant enrollment?
calc-ask-items = Tick the protection items (tap to toggle), then press “Done”.
    Rules: at least 1 of A0/B0/C0; at most 1 of A1–A3, B1–B3, C1–C3 each; each item once.
calc-items-chosen = Chosen: { $items }
calc-items-none = Chosen: (none)
calc-done = ✅ Done
calc-ask-insured = How many people WITH social security (in-service, 职保)? Send a number.
calc-ask-uninsured = How many people WITHOUT social security? (send 0 if none)
calc-ask-start = Cover start date? Send YYYY-MM-DD, e.g. 2023-09-15.
calc-ask-submitted = Date of submission (roster / enrollment)? Send YYYY-MM-DD, e.g. 2023-09-14.
calc-ask-type = Choose the protection type:
calc-type-priced = Type { $type } ({ $fee } yuan each)
calc-type-unpriced = Type { $type } (your district's 【保障金额设置】 fee setting)
calc-ask-people = How many people? Send a number.
calc-ask-year = Choose the protection year:
calc-ask-program = Which program?
calc-program-mutual-aid = Mutual-aid project 2020
calc-program-member-basic = Member-exclusive basic protection
calc-mb-type-name = Member-exclusive basic protection, type { $type } ({ $type }类会员专享基本保障)
calc-program-retiree = Retiree hospitalization plan
calc-ask-amount = Entrusted deduction amount (yuan per person, the same for everyone, above 0 and at most { $max })?
calc-ask-retiree-people = Total number of people enrolled?
calc-ask-succeeded = How many deductions succeeded? (not deducted yet: send the total)
calc-ask-last = Number enrolled last year? (new unit: send 0)
calc-ask-planned = Number planned this year?
calc-ask-contributors = Total in-service contributors of the social-security codes linked to the roster?
calc-bad-number = Please send a whole number of 0 or more, e.g. 31.
calc-bad-amount = Please send an amount, e.g. 300.
calc-bad-date = That date is not valid. Please send YYYY-MM-DD, e.g. 2023-09-14.
calc-again = 🔁 Calculate again
calc-source = Source: { $source }

calc-ma-title = <b>Mutual-aid project 2020 premium</b> (protection year { $year }, { $mode }, cover from { $start }, { $tier })
calc-tier-full = full-year rates
calc-tier-half = half-year rates
calc-ma-line = { $item }: { $fee } yuan/person{ $has_disc ->
    [no] {""}
   *[yes]  (standard { $unit } − discount { $discount })
  } × { $ins } with social security{ $has_unins ->
    [no] {""}
   *[yes] {" "}+ { $unins } without
  } = { $amount } yuan
calc-ma-total = <b>Total: { $total } yuan</b> (with social security { $ins }, without { $unins })
calc-ma-pay = Within { $days ->
    [one] { $days } day
   *[other] { $days } days
  } of 【提交确认保费】 (confirming the premium) transfer to: { $name }, account { $number }, { $bank }.

## Benefits ([002] 上海职工互助保障项目2020一览表), shown next to the premium
calc-bn-title = <b>What the items pay</b> (protection year { $year }, { $source })
calc-bn-item = <b>{ $item }</b> { $line } · { $layer } (premium { $premium } yuan/person/year)
calc-bn-line-hospital = in-service hospitalisation (在职住院)
calc-bn-line-illness = special serious illness (特种重病)
calc-bn-line-accident = accidental injury (意外伤害)
calc-bn-layer-basic = basic
calc-bn-layer-enhanced = enhanced
calc-bn-limit = · Limit: up to { $max } yuan
calc-bn-pooled = · Pooled fund part (统筹): inpatient { $inpatient_pct }%, outpatient serious illness { $outpatient_serious_pct }%, home sickbed { $home_bed_pct }%
calc-bn-supplementary = · Supplementary part (附加): inpatient { $inpatient_pct }%, outpatient serious illness { $outpatient_serious_pct }%, home sickbed { $home_bed_pct }%
calc-bn-disease-death = · Death from illness: { $amount } yuan
calc-bn-daily-allowance = · Hospital daily allowance: { $per_day } yuan/day (at most { $max } yuan)
calc-bn-deductible-subsidy = · Deductible (起付线) subsidy: up to { $max } yuan{ $zhibao_only ->
    [yes] {" "}(not for people outside 职保)
   *[no] {""}
  }
calc-bn-serious-illness = · { $illnesses } serious illnesses: { $amount } yuan{ $in_situ ->
    [included] {" "}(carcinoma in situ included)
   *[amount] {" "}(carcinoma in situ: { $in_situ_amount } yuan)
  }
calc-bn-female-cancer = · Female cancers: { $amount } yuan extra{ $in_situ ->
    [included] {" "}(carcinoma in situ included)
   *[amount] {" "}(female carcinoma in situ: { $in_situ_amount } yuan extra)
  }
calc-bn-accident-disability = · Accidental disability: up to { $max } yuan
calc-bn-accident-death = · Accidental death: { $amount } yuan
calc-bn-silent = ℹ️ The table gives only amounts and percentages: it does not list the 22 illnesses, say what the percentages apply to or whether a limit is per year or per event, and the manuals have no claim procedure. Ask your unit's clerk which items you have; for claims call the hotline { $hotline } ({ $source }).
calc-bn-carried = ⚠️ These are the benefits of the { $year } protection year's manual; the manuals have none for { $for_year }, go by that year's notice.
err-calc-benefits-not-in-manuals = The manuals give no benefit amounts for { $program ->
    [retiree] the retiree hospitalization plan
    [member_basic] the member-exclusive basic protection
   *[other] this programme
  }; I will not estimate them. Please call the hotline { $hotline }.
err-calc-no-benefits-year = There is no benefit table for protection year { $year } yet (the manual gives { $years }).

calc-mb-title = <b>Member-exclusive basic protection (会员专享基本保障), type { $type }</b>, year { $year }, { $people ->
    [one] { $people } person
   *[other] { $people } people
  }
calc-mb-lines = Protection fee: { $total } yuan
    City allocation (市总统一划拨): { $city } yuan
    District / all-level unions (区局/各级工会缴费): { $district } yuan
    Grassroots unit (基层单位缴费): { $grassroots } yuan
calc-mb-per-person = Per person { $fee } = { $city } + { $district } + { $grassroots } (valid { $from } to { $to })
calc-unknown = not in the manual

calc-rt-title = <b>Retiree plan, entrusted deduction</b> (protection year { $year })
calc-rt-lines = { $people ->
    [one] { $people } person
   *[other] { $people } people
  } enrolled, { $ok } deducted ({ $amount } yuan each), { $failed } failed or not deductible.
    Total premium: { $total } yuan ({ $premium } yuan per person)
    Deducted: { $deducted } yuan
    <b>The unit still pays: { $unit } yuan</b> (for { $unit_people ->
    [one] { $unit_people } person
   *[other] { $unit_people } people
  })

calc-cov-title = <b>Coverage</b> ({ $program }, { $mode }, protection year { $year })
calc-cov-dates = Cover: { $start } to { $end }
calc-cov-tier = Premium: a start on { $start } pays the { $tier } ([002] prices by the start date: full year or half year)
calc-cov-claim = { $item }: { $wait ->
    [no] no waiting period, events from { $from } are covered
   *[yes] { $days }-day waiting period, events from { $from } are covered
  }
calc-cov-exception-accident-hospitalisation = { $item }: hospitalisation caused by an accident has no waiting period, covered from { $from }
calc-cov-exception-disease-death-rider = { $item }: the additional disease-death benefit is covered from { $from }
calc-cov-plan = the plan

calc-num-title = <b>Roster number checks</b> ({ $program }, protection year { $year })
calc-num-headcount = { $ok ->
    [yes] ✅
   *[no] ❌
  } Headcount change: last year { $last } → this year { $planned }, change { $pct }% (must be within ±{ $limit }%)
calc-num-ratio = { $ok ->
    [yes] ✅
   *[no] ❌
  } Unit social-security ratio: { $pct }% (must be { $min }%–{ $max }%)
calc-num-ratio-small = { $ok ->
    [yes] ✅
   *[no] ❌
  } Social-security code{ $code }: { $pct }% (10 people or fewer: each code must reach { $need }%)
calc-num-ratio-retiree = { $ok ->
    [yes] ✅
   *[no] ❌
  } Social-security code{ $code }: { $pct }% (must be at least { $min }%)
calc-num-unmatched = ❌ { $people ->
    [one] { $people } person
   *[other] { $people } people
  } without a unit social-security code need 【人员确认】
calc-num-identity = { $ok ->
    [yes] ✅
   *[no] ❌
  } People uploaded (上传参保人员总数) { $uploaded } { $ok ->
    [yes] =
   *[no] ≠
  } not matched (清册未能匹配人员) { $unmatched } + matched planned (清册匹配的拟参保) { $matched }{ $derived ->
    [uploaded] {" "}(total from the two)
    [matched] {" "}(matched = total − not matched)
   *[none] {""}
  }{ $ok ->
    [yes] {""}
   *[no] : the figures do not add up ({ $unmatched } + { $matched } = { $sum }); check them against the platform
  }
calc-num-ok = Result: the checks pass; go straight to 【清册提交】.
calc-num-ok-new-unit = Result: the ratio check passes, but a new unit must upload the following whatever its ratio, then 【清册提交】 (submit the roster).
calc-num-ok-retiree = Result: the ratio is met, no ratio material is needed; once all is right click 【信息确认无误，提交职保会审核】.
calc-num-fail = Result: the checks fail; deal with the following:
calc-num-docs = Documents to upload:

doc-statement-sealed = Renewing unit: a situation statement (情况说明) with the official seal, via 【上传附件】
doc-new-unit-ss-forms = New unit: 《社会保险费缴费申报表》 or 《单位参加城镇社会保险基本情况》 (showing the total number of contributors)
doc-situational = As applicable: left but still shown under the unit's social security → 《人员转出核定表》 or 《退工单》; dispatched workers → statement from the dispatch / HR-agency firm; social security elsewhere but working here → 《任命书》; moved in but not yet transferred → 《人员转入核定表》
doc-commitment-unmatched = People not matched to the suggested roster: 【人员确认】, read the commitment letter (mistaken enrollment: no benefit, no refund), tick 【我已阅读并同意】 → 【确认提交】
doc-over-age-fix = Over-age people (outside 职保: women 55+, men 60+): remove them, or tick 【社保尚在缴金】 for each one kept (the FAQ calls it 【医保享受在职待遇】; the manual is inconsistent)
doc-retiree-material = A social-security code below 75%: 【上传相关材料】 (not needed for new retirees; the case “其他” needs a remark and an attachment)

err-calc-items-empty = Choose at least one basic item (A0, B0 or C0).
err-calc-item-unknown = No such protection items: { $items }. Valid: { $valid }.
err-calc-extra-people-range = The people taking { $item } ({ $people }) must be more than 0 and at most the batch's people ({ $total }).
err-calc-item-duplicate = { $item } appears twice: each item can be taken only once.
err-calc-enhanced-line-conflict = At most one enhanced { $line } item is allowed; you chose { $items }.
err-calc-enhanced-without-basic = Enhanced items ({ $items }) can only be added on top of a basic item A0, B0 or C0; choose a basic item first.
err-calc-items-differ-from-collective = A unit that took part in the collective enrollment must keep its collective items ({ $collective }) for instant enrollment; { $items } is not allowed.
err-calc-remove-more-than-enrolled = The { $remove } to delete are more than the { $enrolled } enrolled: please check the figures.
err-calc-days-positive = The days in hospital must be above 0.
err-calc-no-daily-allowance = { $items } pay no daily hospital allowance: in the table only { $having } pay per day.
err-calc-benefit-not-in-item = { $item } has no such benefit.
err-calc-benefit-kind-unknown = The table has no benefit “{ $kind }”.
err-calc-headcount-parts-exceed = The counts add up to more than the total of members ({ $total }): please check the screen's figures.
err-calc-people-zero = The number of people must be above 0.
err-calc-people-negative = A number of people cannot be negative.
err-calc-mode-unknown = The mode must be collective or instant.
err-calc-start-required = Please give the cover start date.
err-calc-start-outside-year = Start date { $start } is outside the protection year { $from } to { $to }.
err-calc-no-data = There are no figures for { $year } yet; an admin loads them with unionbot rates.
err-calc-carried-over = Calculated with the { $year } manual's figures; the notice of the year prevails.
err-calc-no-data-year = There is no data for { $year } yet.
err-calc-no-year-for-date = { $date } is outside the protection years with data (available: { $years }).
err-calc-type-unknown = There is no protection type “{ $type }”; valid: { $valid }.
err-calc-type-not-priced = The manuals give no { $type } fee for { $year } (known: { $known }); enter the figures from your district union's 【保障金额设置】.
err-calc-fee-not-positive = The fee must be above 0.
err-calc-split-negative = Split amounts cannot be negative.
err-calc-split-mismatch = The split does not add up: city + district + grassroots = { $sum }, but the fee per person is { $fee }.
err-calc-validity-order = The validity must start before it ends.
err-calc-deduction-range = The deduction amount must be above 0 and at most { $max } yuan per person (it is { $amount }).
err-calc-succeeded-range = Successful deductions ({ $succeeded }) must be between 0 and the number enrolled ({ $people }).
err-calc-program-unknown = Unknown program: { $program }.
err-calc-year-or-date-required = Please give a protection year or a date.
err-calc-submitted-required = Instant enrollment needs the submission date.
err-calc-instant-not-open = Instant enrollment opens on { $opens }; before that use collective enrollment.
err-calc-bundle-half-year = Note: the start is in the second half of the protection year (cover not longer than half a year), so A0+B0+C0 gets no { $discount } yuan discount (the manual words the rule differently for collective and instant; the instant rule is applied).
err-calc-a0-zhibao-only = A0 is only for in-service workers in Shanghai's employee medical insurance (职保): { $people ->
    [one] { $people } person
   *[other] { $people } people
  } without social security are not charged A0 and get no bundle discount.
err-calc-a0-nobody = Nobody has social security, so A0 is charged to no one.
err-calc-uninsured-age-rule = People outside 职保 must be women under 55 or men under 60 to join A1–A3, B and C.
err-calc-uninsured-no-deductible-subsidy = The deductible subsidy in A1–A3 does not apply to people outside 职保.
err-calc-member-fee-example = These are the { $year } example figures from the manual's screenshots, not an official tariff; your district union's 【保障金额设置】 decides.
err-calc-split-not-stated = The manual does not give the split for type { $type }.
err-calc-retiree-premium-inferred = The manual never states the retiree-plan premium; { $premium } yuan per person is used (all four worked examples agree with it). Check the centre's notice.
err-calc-deduction-above-premium = The deduction { $amount } is above the premium { $premium }.
err-calc-retiree-failed-options = { $failed } deductions failed: keep them (the unit collects from the retiree or advances the money), or delete them via 【修改参保名单】 if the 75% ratio still holds.
err-calc-waiting-disputed = The manual states the 30-day waiting periods for A0 with the disease-death rider and for A1–A3 in two separate clauses, which may apply differently; the centre's reading prevails.
err-calc-waiting-not-stated = The manuals state no waiting period for member-exclusive protection.
err-calc-last-year-missing = Last year's headcount is missing, so the ±10% change check cannot run.
err-calc-ratio-needed = The change is outside ±10%, so the social-security ratio check applies (enrolled / contributors must be { $min }%–{ $max }%): give the contributor numbers.
err-calc-over-age-label-disputed = The walkthrough says tick 【社保尚在缴金】, the FAQ says 【医保享受在职待遇】; use what the platform shows.
err-calc-new-retirees-no-material = { $people } of them are new retirees and need no material.
err-calc-underpaid = Paid { $paid } yuan, less than the { $premium } yuan due; { $missing } yuan missing.
err-calc-receipt-not-positive = Receipt amounts must be above 0.
err-calc-receipts-must-equal = The special receipts total { $total } yuan but must equal the premium, { $due } yuan.
err-calc-receipts-exceed-paid = The e-receipts total { $total } yuan, more than the { $due } yuan paid.
calc-refund = Paid { $paid } yuan; refund due { $refund } yuan (fill in the refund info).
calc-ask-split = Which fee split?
calc-ask-split-unpriced = The manuals give no fee for type { $type }; enter your district's 【保障金额设置】.
calc-split-manual = The manual's example figures
calc-split-district = Enter my district's 【保障金额设置】
calc-ask-split-fee = Fee per person (参保费用, yuan)?
calc-ask-split-city = City allocation per person (市统一划拨, yuan)?
calc-ask-split-district = District / all-level unions per person (区局/各级工会默认缴纳, yuan)?
calc-ask-split-grassroots = Grassroots unit per person (基层单位默认缴纳, yuan)?
calc-num-over-age = ❌ Over age (outside 职保: women 55+, men 60+), { $count ->
    [one] { $count } person
   *[other] { $count } people
  }: no. { $rows }
