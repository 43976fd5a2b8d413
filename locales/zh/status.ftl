## 我在哪一步 / 下一步做什么

menu-status = 🧭 我在哪一步 / 下一步做什么
cmd-status = 按平台状态查看能做什么（可直接写状态，如 /status 缴费凭证待上传）
status-choose-program = 哪个项目？
status-choose-mode = { $program }：{ $kind ->
    [deduction] 单位选择的缴费方式是哪一种？
    [normal] 走的是普通渠道还是特殊渠道？
   *[other] 集中参保还是即时参保？
  }
status-choose-status = { $program }：平台上批次显示的状态是？
status-title = <b>{ $program }</b>
    状态：<b>{ $label }</b>
status-title-mode = <b>{ $program }</b>（{ $mode }）
    状态：<b>{ $label }</b>
status-label-not-in-manual = （手册没有印出这个状态的名称，这里按流程描述）
status-allowed = <b>✅ 现在可以：</b>
status-conditional = <b>⚠️ 有条件可以：</b>
status-forbidden = <b>⛔ 现在不可以：</b>
status-line-allowed = • { $action }
status-line-conditional = • { $action }：{ $condition }
status-line-forbidden = • { $action }：{ $reason }
status-line-instead =   ➡️ 应先：{ $action }
status-next = <b>下一步：</b>{ $text }
status-deadline = <b>时限：</b>{ $text }
status-source = 依据：手册 { $source }
status-can-i = 能否：{ $action }？
status-other-status = 🔄 换一个状态
status-other-program = 🔄 换一个项目
status-answer-q = “{ $label }”状态下，能否{ $action }？
status-answer-yes = ✅ 可以。
status-answer-no = ⛔ 不可以。
status-answer-conditional = ⚠️ 有条件可以：
status-not-found = 没有找到“{ $label }”这个状态，请从菜单选择：
status-which-program = “{ $label }”在几个项目里都有，是哪个项目？
status-stale = 这个按钮已过期，请重新打开菜单。
status-same-reason = 原因同上。
