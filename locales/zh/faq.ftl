menu-faq = ❓ 常见问题
cmd-faq = 常见问题（也可以直接打字提问）
faq-answer =
    <b>{ $question }</b>

    { $answer }

    <i>来源：{ $source }</i>
faq-source-manual = 手册 { $codes }
faq-helpful = 👍 有帮助
faq-not-helpful = 👎 没帮助
faq-related = 相关：{ $question }
faq-suggest = ❓ { $question }
faq-not-found =
    抱歉，我没有找到可靠的答案，不想瞎猜。
    您是不是想问下面的问题？也可以换个说法再问一次。
faq-not-found-none = 抱歉，这个问题我回答不了，不想瞎猜。可以换个说法，或联系下面的人工服务。
faq-contacts =
    <b>人工服务</b>：职工服务热线 12351（24 小时）；平台操作咨询周一至周五 9:00-12:00、13:00-17:30。
faq-contact-line = • { $text }
faq-thanks = 谢谢反馈！
faq-thanks-not-helpful = 谢谢反馈，我们会改进这条答案。需要人工帮助可拨打 12351。
faq-programs = 请选择业务，查看常见问题：
faq-program-general = 通用（登录、联系方式）
faq-program-member_card = 会员服务卡与会员管理
faq-program-card_enrollment = 会员专享保障（会员卡集中参保）
faq-program-ss_card = 社保卡即时参保
faq-program-mutual_aid = 职工互助保障项目2020
faq-program-retiree = “退休住院计划”
faq-program-list = <b>{ $program }</b> 常见问题（点按钮查看答案）：
faq-back-programs = ⬅️ 返回业务列表
faq-too-long = 问题有点长，请用一两句话简单描述，我更容易找到答案。
faq-gaps-title = <b>没有得到好答案的问题</b>（次数 · 情况 · 问题）：
faq-gaps-empty = 目前没有未解决的问题。
faq-gaps-line = { $count } · { $kind } · { $query }
faq-kind-unanswered = 未找到答案
faq-kind-not_helpful = 答案没帮助（{ $entry }）
faq-inline-none = 没有找到答案
faq-inline-hint = 输入问题，例如：参保编码忘了
# unionbot ask, when it refuses (the closest questions follow in brackets)
faq-cli-no-answer = 没有可靠的答案。
faq-empty = 请用文字描述您的问题，例如“参保编码忘了怎么办”。

## The answer engine (ui/answer_render.py)
answer-doc =
    <b>{ $title }</b>
    { $body }
# a guide's steps asked in order ("从哪里开始", "下一步呢")
answer-guide-step-of = 第 { $step } 步，共 { $total } 步。问“下一步呢”可看接下来做什么。
answer-guide-last-step = 第 { $step } 步，共 { $total } 步：这是最后一步。
answer-guide-end =
    <b>{ $guide }</b>
    上一步已是最后一步，流程到此结束。最后要看到的结果：{ $check }
answer-guide-end-plain =
    <b>{ $guide }</b>
    上一步已是最后一步，流程到此结束。
answer-source-section = 手册 { $codes }《{ $section }》
answer-also-parts = <b>您问的另一点：</b>
answer-also-line = • <b>{ $title }</b>：{ $body }
answer-also-programs = <b>不同项目规定不同，请对照您办理的项目：</b>
answer-also-program-line = • 【{ $program }】{ $body }
answer-computed-error = 按手册规则无法这样计算：
    { $body }
answer-computed-no = <b>不可以</b>，按手册规则：
    { $body }
answer-per-person = 每人 { $fee } 元（{ $people } 人）。
answer-assumed-items = （问题没说项目，按基本项目 { $items } 计算；可在 /calc 里选择其他项目。）
answer-due = 按规则“{ $rule }”：{ $event } 发生 → 最晚 { $due } { $time }。
answer-due-offset = 规则：{ $kind ->
    [opens] 事件发生 { $days } { $working ->
        [yes] 个工作日
       *[no] 天
      }后
   *[other] 事件发生后 { $days } { $working ->
        [yes] 个工作日
       *[no] 天
      }内
  }。
answer-due-holidays-unknown = 该年的节假日安排尚未载入，工作日按周一至周五计算。
answer-tier-named = 按问题所说的{ $tier }计算：起保日在 { $start } 至 { $end } 之间按此费率（[002]，即时参保按起保日所在区间定全年或半年）；上面的起保日取该区间首日。
answer-coverage-next-day = 规则：即时参保自提交（办妥）参保的次日起保。
answer-phone-ratio-low = 有效手机号 { $valid }/{ $total } = { $pct }%，低于要求的 { $min }%：这份名单导入会失败（“导入失败”）。请补全有效手机号后再导入。
answer-phone-ratio-ok = 可以导入：有效手机号 { $valid }/{ $total } = { $pct }%，达到要求的 { $min }%，这一条能通过（手机号还须不重复）。
answer-phone-needed = 名单 { $total } 人：有效手机号须达到 { $min }% 以上，即至少 { $least } 个有效手机号（{ $total } × { $min }%，手机号还须不重复），否则“导入失败”（手册 [004] 导入模板）。
answer-import-limit = 单个模板导入上限 { $limit } 人：{ $people } 人要分成 { $files } 个文件逐个上传（每个不超过 { $limit } 人）。
answer-preset-account = 上年度参保且匹配到正确统一信用代码的单位已预派账号：账号 { $account }（tuixiu + 参保编码 { $code }），初始密码 { $password }。不符合这两个条件的，请联系本单位工会或上级工会。
answer-groups = 按 { $groups } = 共 { $people } 人计算：
answer-group = { $group } { $people } 人
answer-group-fee = • 其中{ $group } { $people } 人：{ $fee } 元（市总统一划拨 { $city } 元）
answer-window-range = { $start } 至 { $due }
answer-window-by = { $due } 截止
answer-window-before = { $day }：还没开始，现在还不能办。“{ $title }”的时间是 { $when }。
answer-window-open = { $day }：在时间内，可以办。“{ $title }”：{ $when }（到截止日还有 { $left } 天）。
answer-window-last-day = { $day }：这是最后一天，“{ $title }”{ $due } 截止。
answer-window-closed = { $day }：已经过了，不能再办。“{ $title }”已于 { $due } 截止。
answer-window-not-open = { $day }：还没开放，“{ $title }”自 { $due } 起。
answer-window-opened = { $day }：已开放，“{ $title }”自 { $due } 起。
answer-window-shifted = 手册给的是 { $year } 年的日期，这里按同样的月日推算，请以当年通知为准。
answer-elig-verdict-yes = <b>可以。</b>
answer-elig-verdict-no = <b>不可以。</b>
answer-elig-who = { $who }：
answer-elig-sep = 、
answer-elig-female = 女性
answer-elig-male = 男性
answer-elig-age = { $age } 岁
answer-elig-zhibao = 属于职保保障范围的在职职工
answer-elig-not-zhibao = 不属于职保范围
answer-elig-yes = • { $group }：可以参加
answer-elig-no = • { $group }：不能参加
answer-elig-depends = • { $group }：要看是否属于职保（属于职保范围的在职职工可以；不属于的不能）
answer-elig-by-age = • { $group }：看年龄（女性未满 { $f } 周岁、男性未满 { $m } 周岁可以参加）
answer-elig-group-a0 = 住院基本保障 A0
answer-elig-group-a1-a3 = 住院加强保障 A1–A3
answer-elig-group-b0-b3 = 特种重病保障 B0–B3
answer-elig-group-c0-c3 = 意外伤害保障 C0–C3
answer-elig-rule = 规则（手册 [002] 参保对象）：属于“职保”保障范围的在职职工可参加；不属于“职保”范围的从业人员须女性未满 { $f } 周岁、男性未满 { $m } 周岁，且不能参加住院基本保障 A0（仅限职保在职职工）。
answer-item-price = • { $item } 单项保费：全年 { $full } 元/人，半年 { $half } 元/人
answer-ss-card-lists = 现在能提交的是【待提交】列表里的 { $ready } 人：勾选后点【提交至上级审核】。【待校验】列表里的 { $waiting } 人不能提交参保（此列表中人员不能提交参保）：点【获取社保卡和就业状态】再次校验，等一个工作日后查看；就业状态仍异常的在“参保待确认名单”人工确认，社保卡状态仍异常的无法社保卡参保，请办工会会员服务卡走会员卡参保（手册 [000]）。
answer-pending-validation-all = 可以提交办卡：待办 { $total } 人都已校验通过，提交后办卡批次为 { $passed } 人。
answer-pending-validation = 不能直接提交办卡。待办 { $total } 人中校验通过 { $passed } 人：须先移除校验未通过及未校验的 { $remove } 人（可点“移除全部校验未通过及未校验会员”），才能点“提交办卡”；提交后办卡批次为 { $passed } 人。被移除的人改好信息后可再加入待办。
answer-deduction-unknown = 问题没有给出委托代扣金额：需单位缴纳参保费用 = 参保总费用 − 代扣成功人数 × 代扣金额 = { $total } 元 − { $ok } 人 × 代扣金额（申请 { $people } 人）。代扣金额每人须大于 0 且不超过 { $max } 元，所以单位至少缴 { $least } 元（代扣 { $max } 元/人时）。
answer-deduction-example = • 按手册算例的代扣金额 { $amount } 元/人：已代扣 { $ok } × { $amount } = { $deducted } 元，单位缴 { $unit } 元
answer-deduction-failed = 申请代扣 { $people } 人，代扣成功 { $ok } 人，失败 { $failed } 人：代扣失败的人员须由单位缴费参保。
answer-zhibao-split = 按 社保人员（有职保）{ $insured } 人 + 非社保人员（无职保）{ $uninsured } 人 计算（同一批次按所选项目计费，非社保人员不计 A0、不享受 A0+B0+C0 组合优惠；手册 [002] 保费信息表）：
answer-ratio-when = （手册 [002]：清册人数比上年增减在 ±10% 以内可直接【清册提交】；超出时才看这项单位社保比例校验。）
answer-deletion-ok = 社保编码下社保人员 { $contributors } 人、参保 { $enrolled } 人（{ $before }%）：删掉 { $remove } 人后为 { $left }/{ $contributors } = { $after }%，仍不低于 { $min }%，可以删除（【参保办理】→ 批次【修改参保名单】→ 代扣失败人员【删除】）。规则（手册 [004]）：代扣失败人员可删减，前提是不影响 { $min }% 的参保比例。
answer-deletion-no = 社保编码下社保人员 { $contributors } 人、参保 { $enrolled } 人（{ $before }%）：删掉 { $remove } 人后为 { $left }/{ $contributors } = { $after }%，低于 { $min }%，不能这样删除（按 { $min }% 最多只能删 { $most } 人）。规则（手册 [004]）：代扣失败人员删减的前提是不影响 { $min }% 的参保比例；否则选择“不减人员”：单位向代扣失败人员收取参保费用或为其垫资。
answer-at = { $day } { $time }
answer-days-range = “{ $title }”：{ $start } 起，最后一天 { $due } 截止。
answer-days-due = “{ $title }”：最后一天 { $due } 截止。
answer-days-opens = “{ $title }”：{ $due } 起。
answer-window-in-time = { $day } { $clock }：还来得及，这是最后一天，“{ $title }”当天 { $hour } 截止（{ $due }），请在 { $hour } 前办完。
answer-window-too-late = { $day } { $clock }：不能再办，来不及了，“{ $title }”当天 { $hour } 就截止了（{ $due }），{ $clock } 已过。
answer-daily-allowance = { $item } 住院天数补贴：{ $days } 天 × { $rate } 元/天 = { $amount } 元（未超过最高 { $max } 元）。
answer-daily-allowance-capped = { $item } 住院天数补贴：{ $days } 天 × { $rate } 元/天 = { $raw } 元，超过最高 { $max } 元，按 { $amount } 元。
answer-benefit-table-rule = 按手册 [002]《上海职工互助保障项目2020一览表》（{ $year } 保障年度）的金额计算；一览表没有写理赔流程和具体认定，以职保会审核为准，理赔请拨打 12351 咨询。
answer-benefit-difference = { $kind }：{ $high_item } { $high } − { $low_item } { $low } = 相差 { $diff }。
answer-amount-wan = { $wan } 万元（{ $yuan } 元）
answer-amount-yuan = { $yuan } 元
answer-benefit-kind-accident-death = 意外身故
answer-benefit-kind-accident-disability = 意外伤残（最高）
answer-benefit-kind-disease-death = 疾病身故
answer-benefit-kind-serious-illness = 22 类重病
answer-benefit-kind-female-cancer = 女性癌另加
answer-benefit-kind-daily-allowance = 住院天数补贴（最高）
answer-benefit-kind-deductible-subsidy = 起付线补助（最高）
answer-benefit-kind-limit = 限额
answer-screen-headcount = 集中参保名单人数 = 会员总人数 { $total } − 未办卡 { $no_card } − 退休 { $retired } − 死亡 { $deceased } − 待确认 { $unconfirmed } = { $enrolled } 人。规则（手册 [001] 集中参保办理画面）：未办卡会员不出现在参保名单内（需先办卡才可参保）；退休、死亡人员已自动剔除；“参保待确认名单”内未确认的会员不出现在参保名单内。
answer-channel-total = 这个批次合计参保人数 = 会员卡参保 { $card } 人 + 社保卡参保 { $ss } 人 = { $total } 人。规则（手册 [000] 常见问题）：同一批次号，会员卡参保通道只显示其中会员卡参保的人数，社保卡参保通道只显示社保卡参保的人数；待提交参保列表的“合计参保人数”包括两者。
answer-screen-submitted = 手册没有说明“集中参保已提交人数”（这里 { $submitted } 人）怎样计入，以画面上的“参保人数”为准。
answer-new-retiree-yes = { $retired } 办理退休：在 { $start } 至 { $end } 之间，算 { $year } 年度的“新退休”（上年度 7 月 1 日至本年度 6 月 30 日办理退休），无社保人员情形选“新退休”，无需上传材料（手册 [004]）。
answer-new-retiree-no = { $retired } 办理退休：不在 { $start } 至 { $end } 之间，不算 { $year } 年度的“新退休”（上年度 7 月 1 日至本年度 6 月 30 日办理退休）。无社保人员须选择其具体情形（干保、出国、其他——选“其他”须填写备注并上传附件），社保编码参保比例未达 75% 的要【上传相关材料】（手册 [004]）。
answer-retired-remove-by-hand = { $retired } 退休：在 { $before } 之前，不属于 { $year } 年度集中参保（会员专享基本保障）的保障范围（{ $by_year } 年 { $by_month } 月 { $by_day } 日前（不含当日）退休的人员均不属于）。系统只自动剔除（标灰排除）了截至 { $until }（8 月底）退休的人员，9–12 月退休的要经办人员仔细甄别、手动排除；若为不符合条件的退休人员办理了保障，将不予给付（手册 [001] 重要提示）。
answer-retired-system-excludes = { $retired } 退休：在 { $before } 之前，不属于 { $year } 年度集中参保（会员专享基本保障）的保障范围（{ $by_year } 年 { $by_month } 月 { $by_day } 日前（不含当日）退休的人员均不属于）；截至 { $until }（8 月底）退休的人员系统已自动剔除（标灰排除），不在参保名单内（手册 [001] 重要提示）。
answer-retired-not-excluded = { $retired } 退休：不在 { $before } 之前。手册只把 { $by_year } 年 { $by_month } 月 { $by_day } 日前（不含当日）退休的人员排除在 { $year } 年度集中参保（会员专享基本保障）的保障范围外，此人不在排除之列，按这条规定可以参保；手册没有写年内退休人员此后怎样处理，请向上级工会确认（手册 [001]）。
answer-over-age-who = { $who }，
answer-over-age-yes = { $who }{ $age } 周岁，已满 { $limit } 周岁：清册校验“在职超龄”会标出此人（是否超龄：否(超龄)）。可【移除】；如确认仍在职并正常缴社保，勾选【社保尚在缴金】（常见问题写作【医保享受在职待遇】）后再【清册提交】。
answer-over-age-no = { $who }{ $age } 周岁，未满 { $limit } 周岁：不会被“在职超龄”校验标出。
answer-over-age-depends = { $age } 周岁：女性满 { $f } 周岁、男性满 { $m } 周岁才算超龄，请看此人的性别（问题没有说）。
answer-over-age-rule = 规则（手册 [002] 校验规则一“在职超龄校验”）：女性未满 { $f } 周岁、男性未满 { $m } 周岁；超龄人员移除，或勾选【社保尚在缴金】保留。
answer-elig-born = { $born } 出生，按 { $on } 计算为 { $age } 周岁（周岁：生日当天满一岁）。
answer-selection-yes = { $items }：可以这样选。
answer-selection-no = { $items }：不可以这样选。
answer-selection-rules = 选择规则（手册 [002] 保障项目选择）：基本保障 A0、B0、C0 至少选 1 种；A1、A2、A3 至多选 1 种，B1–B3、C1–C3 也各至多选 1 种；加强保障须在参保基本保障 A0、B0 或 C0 的基础上参保；每个保障项目只能参保一份；同时参保 A0、B0、C0 总费用从 190 元/年/人优惠至 180 元/年/人。
answer-event-before = { $event }：还没起保（{ $start } 起保），不在保障期内。
answer-event-after = { $event }：已过保障期（保障至 { $end }）。
answer-event-waiting = • { $item }：{ $event } 在免责期（{ $days } 天）内，{ $since } 起发生的才可理赔。
answer-event-ok = • { $item }：{ $event } 已过免责期、在保障期内（{ $since } 起发生的可理赔）。
answer-event-benefits-unstated = 手册 [004] 只写了保障期和 30 天免责期，没有写退休住院计划具体赔付哪些、赔多少，请拨打 12351 咨询。
answer-due-alias-premium-confirmed = 您给的是点【提交确认保费】的日期：手册付款页写“提交确认保费后，请于15天内”将保费汇至职保会账户，这里就按这一天起算 15 天（手册另一处写“参保清册提交后15天内”，清册提交更早的，按清册提交日更稳妥）。
answer-item-price-people = 　{ $item }（{ $tier }）：{ $rate } 元/人 × { $people } 人 = { $total } 元（仍须在基本保障基础上参保）
answer-receipts-list-bad-mutual-aid = 收据合计 { $parts } = { $sum } 元，不等于批次应缴保费 { $total } 元：不能这样开。规则（手册 [002]）：专用收据可开多张，每张金额和抬头自行填写，抬头可与参保单位不一致，但所有收据总金额须等于批次总金额。
answer-receipts-list-ok-mutual-aid = 收据合计 { $parts } = { $sum } 元，等于批次应缴保费 { $total } 元，可以（抬头可与参保单位不一致；手册 [002]）。
answer-receipts-list-bad-retiree = 电子票据合计 { $parts } = { $sum } 元，超过实缴金额 { $total } 元：不能这样开。规则（手册 [004]）：票据金额合计不得超过实缴金额。
answer-receipts-list-ok-retiree = 电子票据合计 { $parts } = { $sum } 元，未超过实缴金额 { $total } 元，可以（手册 [004]）。
answer-address-short = “{ $address }”只有 { $length } 个字，不够：要办工会会员服务卡，会员导入表的工作单位详细地址须完整填写，且不少于 { $min } 个字（地址在表格最后一列；手册 [001]）。
answer-address-ok = “{ $address }”有 { $length } 个字，达到不少于 { $min } 个字的要求（工作单位详细地址须完整填写；手册 [001]）。
answer-repeated-submission = 以最后一次为准：{ $last }。规则（手册 [001]）：基层集中参保提交功能在 { $by } 前可多次操作，以最后操作的记录为准（手册的日期印为 { $year } 年）。
answer-repeated-late = { $by } 之后不能再提交集中参保。
answer-latest-year = 按手册中最近一年的标准计算，请以当年通知为准。
answer-day = { $day }（{ $weekday }）
answer-weekday-mon = 周一
answer-weekday-tue = 周二
answer-weekday-wed = 周三
answer-weekday-thu = 周四
answer-weekday-fri = 周五
answer-weekday-sat = 周六
answer-weekday-sun = 周日
answer-open-calc = 🧮 打开计算器
answer-refused =
    抱歉，这个问题手册里没有可靠的答案，我不想瞎猜。
answer-refused-suggest = 您是不是想问：
answer-which-program = 您问的是哪个项目？
answer-receipts-equal = 互助保障专用收据合计须等于应缴保费：{ $total } 元 − 第一张 { $first } 元 = 另一张 { $rest } 元。
answer-receipts-not-exceed = 退休住院计划电子票据合计不得超过实缴金额：{ $total } 元 − { $first } 元 = 另一张最多 { $rest } 元。
answer-uncovered = ⚠️ 您问的这一点手册里没有可靠的答案，我不想瞎猜：{ $parts }。可拨打职工服务热线 12351 咨询。
answer-uncovered-part = “{ $part }”
answer-uncovered-sep = 、
answer-also-related = <b>相关规定：</b>
answer-source = 来源：{ $source }
answer-processing-account-reset = { $sent } 发出申请表邮件：最早 { $first }、最晚 { $last } 处理好。规则（手册 [002] [004]）：未建会单位的账号找回/密码重置申请邮件，后台收到邮件后会在{ $least }-{ $most }个工作日处理，重置后密码为 abc123456；这里从邮件发出当天起算（当天算作收到）。
