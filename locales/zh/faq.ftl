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
faq-not-found =
    抱歉，我没有找到可靠的答案，不想瞎猜。
    您是不是想问下面的问题？也可以换个说法再问一次。
faq-not-found-none = 抱歉，这个问题我回答不了，不想瞎猜。可以换个说法，或联系下面的人工服务。
faq-contacts =
    <b>人工服务</b>：职工服务热线 12351（24 小时）；平台操作咨询周一至周五 9:00-12:00、13:00-17:30。
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
faq-empty = 请用文字描述您的问题，例如“参保编码忘了怎么办”。
