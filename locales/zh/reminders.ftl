menu-deadlines = ⏰ 截止日期
cmd-deadlines = 与我有关的截止日期
dl-title = <b>即将到来的截止日期</b>（由近及远）：
dl-line = 📅 <b>{ $due }</b> { $title }
    逾期：{ $missed }（手册 [{ $source }]）
dl-none-upcoming = 日历里还没有即将到来的日期——管理员尚未导入新年度的日历。以下是最近一个年度（{ $year }）手册中的日期，供参考：
dl-none-member = 目前没有需要会员本人办理的截止日期。办卡进度有变化时我会通知您。
dl-unsubscribed = 已停止向您发送截止日期提醒。发送 /subscribe 可重新开启。
dl-subscribed = 已开启截止日期提醒（提前：{ $leads }；22:00-08:00 不打扰）。发送 /unsubscribe 可关闭。
cmd-unsubscribe = 关闭截止日期提醒
dl-reminder = ⏰ 截止提醒：<b>{ $title }</b>，截止 { $due }。逾期：{ $missed }
