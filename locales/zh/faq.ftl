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
answer-source-section = 手册 { $codes }《{ $section }》
answer-also-parts = <b>您问的另一点：</b>
answer-also-line = • <b>{ $title }</b>：{ $body }
answer-also-programs = <b>不同项目规定不同，请对照您办理的项目：</b>
answer-also-program-line = • 【{ $program }】{ $body }
answer-computed-error = 按手册规则无法这样计算：
    { $body }
answer-per-person = 每人 { $fee } 元（{ $people } 人）。
answer-assumed-items = （问题没说项目，按基本项目 { $items } 计算；可在 /calc 里选择其他项目。）
answer-due = 按规则“{ $rule }”：{ $event } 发生 → 最晚 { $due } { $time }。
answer-due-holidays-unknown = 该年的节假日安排尚未载入，工作日按周一至周五计算。
answer-coverage-next-day = 规则：即时参保自提交（办妥）参保的次日起保。
answer-phone-ratio-low = 有效手机号 { $valid }/{ $total } = { $pct }%，低于要求的 { $min }%：这份名单导入会失败（“导入失败”）。请补全有效手机号后再导入。
answer-phone-ratio-ok = 有效手机号 { $valid }/{ $total } = { $pct }%，达到要求的 { $min }%（手机号还须不重复）。
answer-import-limit = 单个模板导入上限 { $limit } 人：{ $people } 人要分成 { $files } 个文件逐个上传（每个不超过 { $limit } 人）。
answer-preset-account = 上年度参保且匹配到正确统一信用代码的单位已预派账号：账号 { $account }（tuixiu + 参保编码 { $code }），初始密码 { $password }。不符合这两个条件的，请联系本单位工会或上级工会。
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
answer-also-related = <b>相关规定：</b>
answer-source = 来源：{ $source }
