## 计算器（互助保障保费、会员专享保障分摊、退休住院计划代扣、保障日期、清册数字校验）

menu-calc = 🧮 计算器
cmd-calc = 保费、分摊、保障日期计算
calc-choose = 请选择要计算的内容：
calc-kind-mutual-aid = 互助保障2020保费
calc-kind-member-basic = 会员专享基本保障分摊
calc-kind-retiree = 退休住院计划代扣
calc-kind-coverage = 保障起止与免责期
calc-kind-numbers = 清册人数/社保比例校验
calc-mode-collective = 集中参保
calc-mode-instant = 即时参保
calc-ask-mode = 集中参保还是即时参保？
calc-ask-items = 请勾选保障项目（点按切换），选好后点“完成”。
    规则：A0/B0/C0 至少选 1 种；A1–A3、B1–B3、C1–C3 各至多 1 种；每项只参保一份。
calc-items-chosen = 已选：{ $items }
calc-items-none = 已选：（无）
calc-done = ✅ 完成
calc-ask-insured = 有社保（职保在职）的参保人数是多少？请输入数字。
calc-ask-uninsured = 无社保的参保人数是多少？（没有请输入 0）
calc-ask-start = 起保日期是哪天？请按 YYYY-MM-DD 输入，例如 2023-09-15。
calc-ask-submitted = 提交（参保清册 / 参保）的日期是哪天？请按 YYYY-MM-DD 输入，例如 2023-09-14。
calc-ask-type = 请选择保障类型：
calc-type-priced = { $type } 类（{ $fee } 元/人）
calc-type-unpriced = { $type } 类（按本区【保障金额设置】）
calc-ask-people = 参保人数是多少？请输入数字。
calc-ask-year = 请选择保障年度：
calc-ask-program = 哪个项目？
calc-program-mutual-aid = 互助保障项目2020
calc-program-member-basic = 会员专享基本保障
calc-mb-type-name = { $type }类会员专享基本保障
calc-program-retiree = 退休住院计划
calc-ask-amount = 委托代扣金额（元/人，所有人相同，大于 0 且不超过 { $max }）是多少？
calc-ask-retiree-people = 申请参保总人数是多少？
calc-ask-succeeded = 代扣成功多少人？（尚未代扣请输入总人数）
calc-ask-last = 上年度参保人数是多少？（新单位请输入 0）
calc-ask-planned = 本年度拟参保人数是多少？
calc-ask-contributors = 清册关联的社保编码合计社保在职（缴费）人数是多少？
calc-bad-number = 请输入一个不小于 0 的整数，例如 31。
calc-bad-amount = 请输入金额数字，例如 300。
calc-bad-date = 日期格式不对，请按 YYYY-MM-DD 输入，例如 2023-09-14。
calc-again = 🔁 再算一次
calc-source = 依据：{ $source }

calc-ma-title = <b>互助保障项目2020 保费</b>（{ $year } 保障年度，{ $mode }，起保 { $start }，{ $tier }）
calc-tier-full = 全年费率
calc-tier-half = 半年费率
calc-ma-line = { $item }：{ $fee } 元/人{ $has_disc ->
    [no] {""}
   *[yes] （标准 { $unit } − 优惠 { $discount }）
  } × 有社保 { $ins } 人{ $has_unins ->
    [no] {""}
   *[yes] {" "}+ 无社保 { $unins } 人
  } = { $amount } 元
calc-ma-total = <b>合计：{ $total } 元</b>（有社保 { $ins } 元，无社保 { $unins } 元）
calc-ma-pay = 提交确认保费后 { $days } 天内汇至：户名 { $name }，账号 { $number }，开户行 { $bank }。

## 保障内容（[002] 上海职工互助保障项目2020一览表），显示在保费旁
calc-bn-title = <b>保障内容</b>（{ $year } 保障年度，{ $source }）
calc-bn-item = <b>{ $item }</b> { $line } · { $layer }（保障费 { $premium } 元/人/年）
calc-bn-line-hospital = 在职住院
calc-bn-line-illness = 特种重病
calc-bn-line-accident = 意外伤害
calc-bn-layer-basic = 基本保障
calc-bn-layer-enhanced = 加强保障
calc-bn-limit = · 限额：≤ { $max_wan } 万元
calc-bn-pooled = · 统筹：住院 { $inpatient_pct }%，门诊大病 { $outpatient_serious_pct }%，家庭病床 { $home_bed_pct }%
calc-bn-supplementary = · 附加：住院 { $inpatient_pct }%，门诊大病 { $outpatient_serious_pct }%，家庭病床 { $home_bed_pct }%
calc-bn-disease-death = · 疾病身故：{ $amount_wan } 万元
calc-bn-daily-allowance = · 住院天数津贴：{ $per_day } 元/天（最高 { $max_wan } 万元）
calc-bn-deductible-subsidy = · 起付线补助：≤ { $max } 元{ $zhibao_only ->
    [yes] （非“职保”范围的人员不享受）
   *[no] {""}
  }
calc-bn-serious-illness = · { $illnesses } 类重病：{ $amount_wan } 万元{ $in_situ ->
    [included] （含原位癌）
   *[amount] （原位癌 { $in_situ_wan } 万元）
  }
calc-bn-female-cancer = · 女性癌另加 { $amount_wan } 万元{ $in_situ ->
    [included] （含原位癌）
   *[amount] （女性原位癌另加 { $in_situ_wan } 万元）
  }
calc-bn-accident-disability = · 意外伤残：≤ { $max_wan } 万元
calc-bn-accident-death = · 意外身故：{ $amount_wan } 万元
calc-bn-silent = ℹ️ 一览表只列金额和比例：没有写 22 类重病具体是哪些、比例按什么计算、限额按年还是按次，手册里也没有理赔（申请保障金）流程。请先问本单位经办人参加了哪几项，理赔请拨打热线 { $hotline } 咨询（{ $source }）。
calc-bn-carried = ⚠️ 这是 { $year } 保障年度手册的保障内容；手册没有 { $for_year } 保障年度的，新年度以当年通知为准。
err-calc-benefits-not-in-manuals = 手册没有给出{ $program ->
    [retiree] 退休住院计划
    [member_basic] 会员专享基本保障
   *[other] 该项目
  }的保障金额（给付标准），我不替您估算；请拨打热线 { $hotline } 咨询。
err-calc-no-benefits-year = 还没有 { $year } 保障年度的保障内容表（手册只给了 { $years } 年度的）。

calc-mb-title = <b>会员专享基本保障 { $type } 类</b>，{ $year } 年度，{ $people } 人
calc-mb-lines = 保障费用：{ $total } 元
    市总统一划拨：{ $city } 元
    区局/各级工会缴费：{ $district } 元
    基层单位缴费：{ $grassroots } 元
calc-mb-per-person = 每人 { $fee } 元 = { $city } + { $district } + { $grassroots }（有效期 { $from } 至 { $to }）
calc-unknown = 手册未给出

calc-rt-title = <b>退休住院计划 委托代扣</b>（{ $year } 保障年度）
calc-rt-lines = 申请参保 { $people } 人，代扣成功 { $ok } 人（代扣金额 { $amount } 元/人），代扣失败/不可代扣 { $failed } 人。
    参保总费用：{ $total } 元（按每人 { $premium } 元）
    已代扣：{ $deducted } 元
    <b>需单位缴纳参保费用：{ $unit } 元</b>（涉及 { $unit_people } 人）

calc-cov-title = <b>保障日期</b>（{ $program }，{ $mode }，{ $year } 保障年度）
calc-cov-dates = 保障期：{ $start } 至 { $end }
calc-cov-tier = 保费：起保日 { $start } 按{ $tier }计（[002] 按起保日所在区间分全年、半年两档）
calc-cov-claim = { $item }：{ $wait ->
    [no] 无免责期，{ $from } 起的事故/疾病可理赔
   *[yes] 免责期 { $days } 天，{ $from } 起发生的可理赔
  }
calc-cov-exception-accident-hospitalisation = { $item }：因意外伤害住院不执行免责期，{ $from } 起即可理赔
calc-cov-exception-disease-death-rider = { $item }：附加疾病身故保障 { $from } 起可理赔
calc-cov-plan = 本计划

calc-num-title = <b>清册数字校验</b>（{ $program }，{ $year } 保障年度）
calc-num-headcount = { $ok ->
    [yes] ✅
   *[no] ❌
  } 清册增减幅度：上年 { $last } 人 → 今年 { $planned } 人，变化 { $pct }%（须在 ±{ $limit }% 以内）
calc-num-ratio = { $ok ->
    [yes] ✅
   *[no] ❌
  } 单位社保比例：{ $pct }%（须在 { $min }%–{ $max }% 之间）
calc-num-ratio-small = { $ok ->
    [yes] ✅
   *[no] ❌
  } 社保编码{ $code }：{ $pct }%（参保 10 人及以下，每个社保编码须达 { $need }%）
calc-num-ratio-retiree = { $ok ->
    [yes] ✅
   *[no] ❌
  } 社保编码{ $code }：{ $pct }%（须不低于 { $min }%）
calc-num-unmatched = ❌ 无单位社保编码人员 { $people } 人须【人员确认】
calc-num-identity = { $ok ->
    [yes] ✅
   *[no] ❌
  } 上传参保人员总数 { $uploaded } { $ok ->
    [yes] =
   *[no] ≠
  } 清册未能匹配人员 { $unmatched } + 清册匹配的拟参保 { $matched }{ $derived ->
    [uploaded] （总数按两项相加得出）
    [matched] （匹配人数按总数减未能匹配得出）
   *[none] {""}
  }{ $ok ->
    [yes] {""}
   *[no] ：数字对不上（{ $unmatched } + { $matched } = { $sum }），请按平台显示的数字核对
  }
calc-num-ok = 结论：校验可通过，可直接【清册提交】。
calc-num-ok-new-unit = 结论：比例校验可通过，但新参保单位无论比例是否在范围内都需要上传以下材料，再【清册提交】。
calc-num-ok-retiree = 结论：参保比例达标，无需上传比例材料；确认无误后点【信息确认无误，提交职保会审核】。
calc-num-fail = 结论：校验不通过，需处理以下事项：
calc-num-docs = 需上传的材料：

doc-statement-sealed = 续保单位：加盖公章的《情况说明》（【上传附件】）
doc-new-unit-ss-forms = 新参保单位：《社会保险费缴费申报表》或《单位参加城镇社会保险基本情况》（须体现社保缴费总人数）
doc-situational = 按实际情况另附：已离职但系统仍显示在本单位社保的，附《人员转出核定表》或《退工单》；劳务派遣人员附派遣/人事代理单位的情况说明；社保在外单位但实际在本单位工作的附《任命书》；社保已实际转入但系统未转的附《人员转入核定表》
doc-commitment-unmatched = 未匹配建议清册的人员：点【人员确认】，阅读承诺书（误保不予给付且保费不退）后勾选【我已阅读并同意】→【确认提交】
doc-over-age-fix = 超龄人员（非职保女性满 55 岁、男性满 60 岁）：移除，或逐人勾选【社保尚在缴金】（常见问题中称【医保享受在职待遇】，两处手册写法不一）
doc-retiree-material = 社保编码参保比例低于 75%：点【上传相关材料】（新退休人员无需材料；“其他”情形须填写备注并上传附件）

err-calc-items-empty = 请至少选择 1 个基本保障项目（A0、B0 或 C0）。
err-calc-item-unknown = 没有这些保障项目：{ $items }。可选：{ $valid }。
err-calc-extra-people-range = { $item } 的人数（{ $people }）须大于 0 且不超过本批参保人数（{ $total }）。
err-calc-item-duplicate = { $item } 重复了：每个保障项目只能参保一份。
err-calc-enhanced-line-conflict = { $line } 类加强保障至多选 1 种（最多只能选其中 1 项），现在选了 { $items }。
err-calc-enhanced-without-basic = 加强保障（{ $items }）只能在参保基本保障 A0、B0 或 C0 的基础上选择，请先选一个基本保障项目。
err-calc-items-differ-from-collective = 参加过集中参保的单位，即时参保的项目必须与集中参保相同（{ $collective }），不能改为 { $items }。
err-calc-remove-more-than-enrolled = 要删除的 { $remove } 人多于参保的 { $enrolled } 人，请核对数字。
err-calc-days-positive = 住院天数须大于 0。
err-calc-no-daily-allowance = { $items } 没有住院天数补贴：一览表里只有 { $having } 按天补贴。
err-calc-benefit-not-in-item = { $item } 没有这项保障待遇。
err-calc-benefit-kind-unknown = 一览表里没有“{ $kind }”这项待遇。
err-calc-headcount-parts-exceed = 各项人数加起来超过了会员总人数 { $total }，请核对画面上的数字。
err-calc-people-zero = 参保人数须大于 0。
err-calc-people-negative = 人数不能是负数。
err-calc-mode-unknown = 参保方式只能是集中参保或即时参保。
err-calc-start-required = 请给出起保日期。
err-calc-start-outside-year = 起保日期 { $start } 不在保障年度 { $from } 至 { $to } 之内。
err-calc-no-data = 还没有 { $year } 年度的费率数据，请管理员用 unionbot rates 导入。
err-calc-carried-over = 按 { $year } 年手册标准计算，请以当年通知为准。
err-calc-no-data-year = 还没有 { $year } 年度的数据。
err-calc-no-year-for-date = { $date } 不在已有数据的保障年度内（已有：{ $years }）。
err-calc-type-unknown = 没有“{ $type }”这种保障类型，可选：{ $valid }。
err-calc-type-not-priced = 手册没有给出 { $year } 年度 { $type } 类的费用（已有：{ $known }）；请按区局工会【保障金额设置】的标准输入。
err-calc-fee-not-positive = 费用须大于 0。
err-calc-split-negative = 分摊金额不能为负数。
err-calc-split-mismatch = 分摊不平：市总 + 区局 + 基层 = { $sum }，但每人费用是 { $fee }。
err-calc-validity-order = 有效期开始须早于结束。
err-calc-deduction-range = 委托代扣金额须大于 0 且不超过 { $max } 元/人（现在是 { $amount }）。
err-calc-succeeded-range = 代扣成功人数 { $succeeded } 须在 0 到参保人数 { $people } 之间。
err-calc-program-unknown = 不认识的项目：{ $program }。
err-calc-year-or-date-required = 请给出保障年度或日期。
err-calc-submitted-required = 即时参保请给出提交日期。
err-calc-instant-not-open = 即时参保 { $opens } 才开放，此前请走集中参保。
err-calc-bundle-half-year = 注意：起保日在下半个保障年度（保障期不超过半年），A0+B0+C0 不享受 { $discount } 元优惠（手册集中/即时两处规则写法不同，按即时参保规则计算）。
err-calc-a0-zhibao-only = A0 只适用于参加本市职保的在职职工：{ $people } 名无社保人员不计 A0，也不享受组合优惠。
err-calc-a0-nobody = 没有有社保的人员，A0 不计费。
err-calc-uninsured-age-rule = 无职保人员须为女性未满 55 周岁、男性未满 60 周岁，才能参加 A1–A3、B、C 类项目。
err-calc-uninsured-no-deductible-subsidy = A1–A3 中的起付线补助，非“职保”范围的人员不享受。
err-calc-member-fee-example = 这是手册截图中的 { $year } 年度示例标准，不是正式费率；以区局工会【保障金额设置】为准。
err-calc-split-not-stated = 手册没有给出 { $type } 类的分摊比例。
err-calc-retiree-premium-inferred = 手册没有写明退休住院计划保费；这里按每人 { $premium } 元计算（手册四个算例都与此一致），请以职保会通知为准。
err-calc-deduction-above-premium = 代扣金额 { $amount } 高于保费 { $premium }。
err-calc-retiree-failed-options = 代扣失败 { $failed } 人：可保留（单位向本人收取或垫付），或在 75% 比例仍满足时【修改参保名单】删除。
err-calc-waiting-disputed = 手册把 A0 与附加疾病身故、A1–A3 的 30 天免责期分两句写，适用范围可能不同，请以职保会解释为准。
err-calc-waiting-not-stated = 手册没有写会员专享基本保障的免责期。
err-calc-last-year-missing = 未给出上年度参保人数，无法做 ±10% 增减幅度校验。
err-calc-ratio-needed = 增减幅度超出 ±10%，需要做单位社保比例校验（参保人数/社保人数须在 { $min }%–{ $max }%）：请提供社保人数。
err-calc-over-age-label-disputed = 手册正文写勾选【社保尚在缴金】，常见问题写【医保享受在职待遇】，以平台实际显示为准。
err-calc-new-retirees-no-material = 其中 { $people } 名新退休人员无需提供材料。
err-calc-underpaid = 实付 { $paid } 元少于应缴 { $premium } 元，还差 { $missing } 元。
err-calc-receipt-not-positive = 收据金额须大于 0。
err-calc-receipts-must-equal = 专用收据合计 { $total } 元，必须等于应缴保费 { $due } 元。
err-calc-receipts-exceed-paid = 电子票据合计 { $total } 元，不得超过实缴金额 { $due } 元。
calc-refund = 实付 { $paid } 元，应退款 { $refund } 元（请填写退款信息）。
calc-ask-split = 按哪个分摊标准计算？
calc-ask-split-unpriced = 手册没有 { $type } 类的费用标准，请按本区局【保障金额设置】输入。
calc-split-manual = 手册示例标准
calc-split-district = 输入本区局【保障金额设置】
calc-ask-split-fee = 参保费用（元/人）是多少？
calc-ask-split-city = 市统一划拨（元/人）是多少？
calc-ask-split-district = 区局/各级工会默认缴纳（元/人）是多少？
calc-ask-split-grassroots = 基层单位默认缴纳（元/人）是多少？
calc-num-over-age = ❌ 超龄（非职保女性满 55 周岁、男性满 60 周岁）{ $count } 人：第 { $rows } 人
