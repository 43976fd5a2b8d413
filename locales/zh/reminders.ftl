menu-deadlines = ⏰ 截止日期
menu-reminders = 🔔 提醒设置
menu-events = 📝 本单位事件与期限
cmd-deadlines = 与我有关的截止日期
cmd-reminders = 提醒设置（项目、提前时间）
cmd-events = 记录本单位事件（如已提交清册）
cmd-unsubscribe = 关闭截止日期提醒
dl-title = <b>即将到来的截止日期</b>（由近及远）：
dl-line = 📅 <b>{ $due }</b> { $title }
    逾期：{ $missed }（手册 [{ $source }]）
dl-line-opens = 🟢 <b>{ $due }</b> 起：{ $title }
    { $missed }（手册 [{ $source }]）
dl-line-unit = 🏢 <b>{ $due }</b> 本单位：{ $title }
    逾期：{ $missed }（手册 [{ $source }]）
dl-hint-clerk = 提醒设置：/reminders　记录“已提交清册”等事件：/events
dl-none-upcoming = 日历里还没有即将到来的日期——管理员尚未导入新年度的日历。以下是最近一个年度（{ $year }）手册中的日期，供参考：
dl-none-member = 目前没有需要会员本人办理的截止日期。办卡进度有变化时我会通知您。
dl-unsubscribed = 已停止向您发送截止日期提醒。发送 /subscribe 可重新开启。
dl-subscribed = 已开启截止日期提醒。22:00-08:00 不打扰。发送 /unsubscribe 可关闭。
dl-reminder = ⏰ 截止提醒：<b>{ $title }</b>，截止 { $due }。
    逾期：{ $missed }
dl-reminder-unit = ⏰ 本单位期限：<b>{ $title }</b>，截止 { $due }（按您单位记录的 { $since } 计算）。
    逾期：{ $missed }
dl-reminder-opens = 🟢 现在可以办理：<b>{ $title }</b>（{ $due } 起）。
    { $missed }
dl-reminder-footer = 调整提醒：/reminders　关闭：/unsubscribe
dl-settings = <b>截止日期提醒设置</b>
    状态：{ $state }
    项目：{ $programs }{ $follow }
    提前：{ $leads }
    22:00-08:00 不打扰：届时到期的提醒改在 08:00 发出，除非截止时间更早。
dl-settings-member = <b>提醒设置</b>
    状态：{ $state }
    您的会员服务卡办卡成功后，我会提醒您前往所选银行网点办理，直到您点“已办理”。
    22:00-08:00 不打扰。
dl-state-on = 🔔 开启
dl-state-off = 🔕 关闭
dl-follows-unit = （跟随本单位参加的项目）
dl-progs-none = 无
dl-leads-none = 不提前提醒
dl-lead-7d = 7天
dl-lead-3d = 3天
dl-lead-1d = 1天
dl-lead-morning = 当天早上
dl-lead-2h = 下午截止前2小时
dl-prog-member-protection = 会员专享基本保障
dl-prog-ss-card = 社保卡即时参保
dl-prog-mutual-aid = 互助保障
dl-prog-retiree = 退休住院计划
dl-prog-member-card = 会员服务卡
dl-btn-follow-unit = ↩ 改为跟随本单位项目
dl-btn-unit-programs = 🏢 本单位参加的项目
dl-btn-events = 📝 本单位事件
dl-btn-off = 🔕 关闭全部提醒
dl-btn-on = 🔔 开启提醒
dl-btn-back = ⬅ 返回
dl-unit-programs = <b>本单位参加的项目</b>
    本单位经办人默认只收到这些项目的提醒（自己另选项目的除外）。
dl-clerks-only = 此功能仅供经办人使用。
dl-done-ok = 好的，这件事不再提醒您。
dl-card-collect = 💳 您的工会会员服务卡申请（{ $ref }）经办人已记录为已办卡。手册只写了银行会按留下的电话联系领卡；本机器人提醒您留意银行来电，领卡地点和要带的材料以银行通知为准（您选的网点：<b>{ $branch } · { $outlet }</b>）。领到后请点下方按钮，我就不再提醒。
dl-card-done = ✅ 已办理，不再提醒
dl-deadline-done = ✅ 已办妥，不再提醒
dl-done-unit = 好的，本单位的经办人都不会再收到这件事的提醒。
ev-title = <b>本单位记录的事件</b>
ev-line = #{ $id } { $name }：{ $date }
    → { $title }，截止 { $due }
ev-line-opens = #{ $id } { $name }：{ $date }
    → { $due } 起：{ $title }
ev-none = 还没有记录任何事件。
ev-help = 记录“已提交参保清册”“已提交代扣申请”等事件后，我会为本单位排好随之而来的期限（例如 15 天内缴费）和该去查看审核结果的日子（按工作日计算，遇节假日顺延）并提醒本单位经办人；记错了可以撤销，相关提醒随之取消。
ev-kind = { $program } · { $event }
ev-roster-submitted = 已提交参保清册
ev-deduction-applied = 已提交代扣申请
ev-status-fetched = 已点击“获取社保卡和就业状态”
ev-code-applied = 已提交参保编码申请
ev-attachments-uploaded = 已提交清册附件（职保会审核）
ev-voucher-uploaded = 已上传缴费凭证
ev-name-change-applied = 已提交单位名称修改
ev-btn-new = ➕ 记录：{ $name }
ev-btn-undo = ↩ 撤销 #{ $id }
ev-ask-date = “{ $name }”是哪一天？点下方按钮，或直接发送日期，例如 2026-11-20。
ev-today = 今天
ev-yesterday = 昨天
ev-bad-date = 没看懂这个日期。请按 2026-11-20 这样的格式发送，或发送 /cancel 取消。
ev-recorded = ✅ 已记录：{ $name }（{ $date }）。本单位的相关期限：
ev-already-passed = ⚠️ 按这个日期，期限已经过了，不会再发提醒；请尽快办理或联系上级工会。
ev-undone = ↩ 已撤销“{ $name }”（{ $date }），由它产生的期限和提醒已取消。
ev-no-unit = 您的账号还没有绑定单位。请使用管理员发给您的邀请链接。
err-events-future = 这个日期还没到，不能记录。请发送已经发生的日期。
err-events-too-old = 这个日期超过一年了，不能记录。
err-events-not-found = 没有找到这条事件记录（可能属于其他单位）。
err-events-already-undone = 这条事件已经撤销过了。
cal-admins-only = 只有管理员可以导入日历。
cal-ask = 请发送新年度的截止日期日历文件（YAML 或 xlsx，格式同下方「草稿」按钮给出的文件）。已有年度：{ $years }。发送 /cancel 取消。
cal-broken = ⚠️ 已导入的文件无效，已被跳过：
cal-wrong-type = 请发送 .yaml 或 .xlsx 文件。
cal-too-big = 文件太大（上限 1 MB），日历文件通常只有几 KB。
cal-download-failed = 文件没能下载下来，请重新发送一次。
cal-rejected = ❌ 日历未导入，没有任何改动。发现 { $count } 处问题：
cal-more = ……还有 { $count } 处。
cal-loaded = ✅ 已导入 { $year } 年度日历：{ $deadlines } 个截止日期，{ $rules } 条相对期限规则。从下一分钟起，截止日期查询和提醒都按它执行。
cal-send-file = 请以文件形式发送日历（YAML 或 xlsx），或发送 /cancel 取消。
cal-btn-draft = 📝 下载 { $year } 年度日历草稿
cal-draft-sent = 这是 { $year } 年度日历草稿：按各项目最近一个年度的日期顺延推算。请按当年通知逐项核对修改，删去“draft: true”一行，再把文件发回给我导入。
rl-title = <b>最近 14 天的提醒发送记录</b>（每条截止日期 × 提前时间，最近的在前）：
rl-line = • { $when } { $about }（{ $lead }）：{ $counts }
rl-empty = 最近 14 天没有发出或处理过提醒。
rl-card = 会员服务卡领取提醒（申请 #{ $id }）
rl-broadcast = 群发 #{ $id }
rl-sent = 已发送 { $n }
rl-failed = 失败 { $n }
rl-dropped = 因停机错过已作废 { $n }
rl-dismissed = 已点“办妥” { $n }
rl-sending = 发送中 { $n }
rl-admins-only = 只有管理员可以查看提醒发送记录。
dl-card-waiting = 💳 您的会员服务卡已记录为已办卡（申请 { $ref }）：手册只写了银行会电话联系领卡，请留意来电，领卡以银行通知为准（您选的网点：<b>{ $branch } · { $outlet }</b>；这是本机器人的提醒）。领到后可在提醒消息上点“已办理”。
dl-carried = 按 { $year } 年手册的日期推算，请以当年通知为准。
# remarks the bot adds to a unit's deadline after the calendar's note
dl-note-rule-of-year = 按 { $year } 年度日历的规则计算。
dl-note-holidays-unknown = { $year } 年的法定节假日安排尚未载入，工作日暂按周一至周五计算，请以官方通知为准。
# written into each entry's note of a drafted calendar file (the admin deletes it once checked)
cal-draft-note = 草稿：由 { $year } 年度的日期顺延推算，导入前须按当年通知逐项核对。
cal-draft-header =
    { $year } 保障年度日历草稿：由以往年度的日期顺延推算。
    请对照当年通知逐一核对并改正每个日期；节假日数据还没有这一年时，补上 { $days_off } / { $working_weekends }；
    每条核对过的备注删去其中“草稿：”那句，再删除“{ $draft }”这一行，然后导入文件。
cal-missing-title = <b>本保障年度尚缺的数据</b>（缺的部分按手册最近年度推算回答）：
cal-missing-none = 本保障年度的日历和费率都已导入。
cal-missing-calendar = • 日历：{ $program } { $year } 保障年度（现按 { $used } 年推算；unionbot calendar draft 生成草稿）
cal-missing-rates = • 费率：{ $program } { $year } 保障年度（现按 { $used } 年标准；unionbot rates draft 生成草稿）

## 日历文件的问题（domain/calendar/files.py）：先说位置，再说问题；字段名保留文件里的写法
cal-problem-line = 第 { $n } 行：
cal-problem-row = 表格第 { $n } 行：
cal-problem-file = { $file }：
cal-p-time = { $field } 应写成 YYYY-MM-DD HH:MM，而不是 { $value }
cal-p-texts = { $field } 需要 zh 和 en 两种文字
cal-p-day-list = { $field } 应是日期列表（YYYY-MM-DD）
cal-p-day-format = { $field } 中的日期应写成 YYYY-MM-DD，而不是 { $value }
cal-p-not-weekend = { $day } 不是周六或周日
cal-p-both-lists = { $day } 同时也在 { $other } 中
cal-p-yaml = 不是有效的 YAML
cal-p-shape = 文件需要写明 { $year_key }: YYYY 和 { $list_key } 列表
cal-p-draft = 这是一份草稿日历：请对照当年通知逐一核对日期，然后删除 draft 这一行
cal-p-list = { $field } 应是列表
cal-p-mapping = 每一条都应是“字段: 值”的映射
cal-p-id-missing = 缺少 id
cal-p-id-form = id 应为 1–40 个字母、数字或 _ . -，而不是 { $value }
cal-p-id-duplicate = id { $value } 重复
cal-p-choice = { $field } 应为以下之一：{ $choices }
cal-p-audience = audience 应是以下值组成的列表：{ $choices }
cal-p-source = source 应写明日期出自哪本手册或哪份通知
cal-p-starts-after-due = starts 晚于 due
cal-p-days-either = { $one } 与 { $other } 须给出且只给出其中一个
cal-p-days-positive = { $field } 应是正整数
cal-p-xlsx-refused = 不是可读取的 .xlsx 文件（{ $code }）
cal-p-xlsx-unreadable = 不是可读取的 .xlsx 文件
cal-p-sheet-empty = 工作表是空的
cal-p-one-year = 每一行的 { $field } 应相同
