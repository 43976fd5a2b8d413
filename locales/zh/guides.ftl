## 分步办理指引

menu-guides = 📘 分步办理指引
cmd-guides = 分步办理指引（可中途继续）
guides-choose = 选择要办理的业务，我一步一步带你做（进度会保存，下次从断点继续）：
guides-progress-mark = （第 { $step }/{ $total } 步）
guides-step = <b>{ $guide }</b>（{ $year } 保障年度）
    <b>第 { $step } 步，共 { $total } 步：{ $title }</b>
    📍 在哪里：{ $where }
    👉 怎么做：{ $todo }
    🔍 要核对：{ $check }
guides-resumed = ⏯ 已从上次的进度继续：第 { $step }/{ $total } 步。
guides-next = 下一步 ➡️
guides-back = ⬅️ 上一步
guides-finish = ✅ 完成
guides-stuck = 🆘 我卡住了
guides-where-am-i = 🧭 我在哪一步（按平台状态）
guides-list = 📘 指引列表
guides-restart = 🔁 从头再看一遍
guides-unknown = 这个指引已不存在，请重新打开指引列表。
guides-already-done = 本单位已完成“{ $guide }”（{ $year } 保障年度）的全部步骤。
guides-completed = 🎉 “{ $guide }”（{ $year } 保障年度）{ $total } 个步骤已全部完成。
guides-stuck-title = <b>第 { $step } 步“{ $title }”常见问题：</b>
guides-stuck-item = ❓ { $error }
    💡 { $fix }
guides-stuck-faq = 也可以发送 /faq 用自己的话提问。
guides-contacts = <b>还解决不了？联系：</b>
guides-contact-line = { $text }
guides-stuck-kb = <b>知识库中的相关问答：</b>
guides-dates-carried = 日期按 { $year } 年手册推算到 { $target } 保障年度，请以当年通知为准。
