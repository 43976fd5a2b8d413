# 公共文案（基础功能）。参数会自动做 HTML 转义。

start-greeting =
    您好，我是<b>工会服务助手</b> 👋
    我可以帮会员在线申请<b>工会会员服务卡</b>、查询保障和常见问题；
    也可以一步步陪工会经办人完成平台上的各项参保和名单工作。
    请先告诉我您的身份：
start-role-member = 🙋 我是会员（申请会员服务卡）
start-role-clerk = 🧾 我是工会经办人
start-menu-member = 会员服务菜单，请选择：
start-menu-clerk = 经办人工作台，请选择：
start-clerk-unbound =
    您还没有绑定工会组织。请向管理员索取经办人邀请链接，打开后即可绑定单位。
    在此之前，您仍可使用操作指引、计算器、名单预检和常见问题。
start-clerk-bound = 已绑定单位：<b>{ $unit }</b>
invite-ok = ✅ 绑定成功！您已成为 <b>{ $unit }</b> 的经办人。
menu-back = ⬅️ 返回菜单
menu-switch-member = 切换到会员菜单
menu-switch-clerk = 切换到经办人菜单

help-member =
    <b>我能为会员做什么</b>
    • /apply 在线申请工会会员服务卡（可随时中断，下次继续）
    • /mycard 查看办卡进度和历史
    • /faq 常见问题；也可以直接用文字提问
    • /deadlines 与我有关的时间节点 · /reminders 提醒开关（办卡成功后提醒您去网点领卡）
    • /lang 切换语言 · /cancel 退出当前表单 · /privacy 隐私说明 · /forget 删除我的数据
help-clerk =
    <b>我能为经办人做什么</b>
    • /guides 各项业务的分步操作指引
    • /status “我在哪一步 / 下一步做什么”
    • /calc 保费、分担、保障日期、等待期计算
    • /roster 上传 Excel 名单，提前检查平台会拒绝的问题
    • /applications 处理本单位会员的办卡申请
    • /deadlines 截止日期 · /reminders 提醒设置
    • /events 记录本单位做了什么（如已提交清册、已上传凭证），我排好随后的期限并提醒
    • /faq 常见问题；也可以直接用文字提问
    • /lang 切换语言 · /cancel 退出当前表单 · /privacy 隐私说明 · /forget 删除我的数据
help-admin =
    <b>管理员命令</b>
    • /admin 管理员菜单（以下各项都可从这里打开）
    • /newunit 新建工会组织（名称、层级、上级单位）并生成经办人邀请链接
    • /units 查看单位 · /invite 单位编号 重新生成邀请链接
    • /broadcast 群发通知
    • /calendar 导入新年度截止日期日历（可先下载草稿）· /reminderlog 提醒发送记录
    • /faqgaps 没答好的问题
    • /orphans 未归属工会的办卡申请（分配给已登记的工会）

lang-choose = 请选择语言 / Please choose a language:
lang-set = 已切换为简体中文。
cancel-done = 已退出当前操作，未保存的内容已丢弃。
cancel-nothing = 当前没有进行中的操作。
privacy-text =
    <b>隐私说明</b>
    • 我们只保存提供服务所必需的信息：您的 Telegram 编号、语言、身份，以及您主动提交的办卡申请、订阅设置等。
    • 证件号码和手机号码加密存储，消息中一律打码显示，不会写入日志。
    • 只有您所在工会的经办人能看到您的办卡申请，用于为您办理业务；导出给银行的办卡清册除外，其中含完整信息。
    • 发送 /forget 可删除我们保存的与您有关的全部数据。
forget-confirm = 确定要删除我们保存的关于您的全部数据吗？删除后无法恢复，进行中的申请也会一并删除。
forget-yes = 确认删除
forget-no = 不删除
forget-done = 已删除您的全部数据。若想再次使用，发送 /start 即可。
forget-kept = 好的，没有删除任何数据。
form-expired = 您之前有一份表单 { $days } 天没有继续填写，为保护您的个人信息，已将其中填写的内容删除。如需办理，请重新开始。
forget-expired = 这个确认按钮已失效（超过 { $minutes } 分钟或已被使用），没有删除任何数据。如仍要删除，请重新发送 /forget。

error-internal = 抱歉，处理时出了点问题，我们已记录。参考编号：<code>{ $ref }</code>。请稍后再试，或发送 /cancel 重新开始。
throttle-notice = 您发送得太快了，请稍等几秒再继续 🙏
fallback-unknown-command = 没有这个命令。发送 /help 查看我能做什么。
fallback-unsupported = 我暂时只能处理文字消息和 .xlsx 表格文件。请用文字描述您的问题，或发送 /help。
fallback-in-form = 请用文字回答上面的问题；如需退出，请发送 /cancel。
fallback-stale-button = 这个按钮已失效，请使用最新的消息或发送 /start。
fallback-not-your-button = 这个按钮不是发给您的。
fallback-too-long = 消息太长了（最多 { $max } 字），请简要描述您的问题。
fallback-group = 为保护个人信息，请在与我的私聊中使用本服务。
fallback-no-permission = 抱歉，您没有权限进行这个操作。
fallback-need-unit = 请先通过管理员提供的邀请链接绑定您的工会组织。

admin-only = 该命令仅限管理员使用。
admin-ask-unit-name = 请输入新工会组织的全称：
admin-ask-uscc = 请输入该单位的统一社会信用代码（18 位）；没有可点“跳过”。
admin-ask-enroll-code = 请输入参保编码；没有可点“跳过”。
admin-ask-district = 请输入所属区局（产业）工会名称；没有可点“跳过”。
admin-skip = 跳过
admin-unit-created =
    ✅ 已创建单位 <b>{ $name }</b>（编号 { $id }）。
    经办人邀请链接（一次性，{ $days } 天内有效）：
    { $link }
admin-invite = 单位 <b>{ $name }</b> 的经办人邀请链接（一次性，{ $days } 天内有效）：
    { $link }
admin-invite-usage = 用法：/invite 单位编号
admin-units-empty = 还没有任何单位。发送 /newunit 新建。
admin-units-line = { $id }. { $name }{ $uscc }
admin-ask-level = 这个单位是哪一级？
admin-level-grassroots = 基层工会
admin-level-secondary = 二级工会
admin-level-district = 区局(产业)工会
admin-level-unknown = 没有这个层级。请点下面的按钮选择：基层工会、二级工会或区局(产业)工会。
admin-ask-parent = 请选择它的上级单位（共 { $n } 个可选）；也可以输入名称中的几个字查找。
admin-ask-parent-many = 可选的上级单位有 { $n } 个，下面列出前 { $shown } 个。请输入上级单位名称中的几个字查找。
admin-ask-parent-empty = 还没有可作为上级的单位（二级工会或区局(产业)工会）。可以先“暂不设上级”，或先新建上级单位。
admin-parent-none-found = 没有名称包含“{ $text }”的上级单位，请换几个字再试，或点“暂不设上级”。
admin-parent-line = { $name }（{ $level }）
admin-parent-later = 暂不设上级
admin-summary-none = （无）
admin-summary =
    请核对新单位：
    名称：<b>{ $name }</b>
    层级：{ $level }
    上级单位：{ $parent }
    统一社会信用代码：{ $uscc }
    参保编码：{ $code }
    所属区局（产业）工会：{ $district }
admin-btn-create = 创建
admin-btn-cancel = 取消
admin-confirm-press = 请点“创建”或“取消”。
admin-unit-cancelled = 已取消，没有创建单位。
err-unit-parent-of-district = 区局(产业)工会是审核链的最上一级，不能设上级单位。
admin-menu-title = 管理员菜单，请选择：
admin-menu-units = 单位列表
admin-menu-newunit = 新建单位
admin-menu-invites = 经办人邀请链接
admin-menu-calendar = 截止日期日历
admin-menu-broadcast = 群发通知
admin-menu-reminderlog = 提醒发送记录
admin-menu-faqgaps = 没答好的问题
admin-menu-orphans = 未归属工会的办卡申请
admin-invite-pick = 为哪个单位生成经办人邀请链接？
admin-invite-pick-many = 单位较多，下面列出前 { $shown } 个。其他单位请发送 /invite 单位编号（编号见“单位列表”）。
menu-admin = 🛠 管理员菜单
err-unit-name = 单位名称至少 2 个字，请重新输入。
err-unit-level = 单位层级不正确。
err-unit-duplicate = 该统一社会信用代码已登记为单位“{ $name }”（编号 { $id }）。
err-unit-parent-missing = 找不到上级单位（编号 { $id }）。
err-unit-missing = 找不到编号为 { $id } 的单位。
err-invite-unknown = 邀请链接无效，请向管理员重新索取。
err-invite-used = 这个邀请链接已经使用过了，请向管理员重新索取。
err-invite-expired = 这个邀请链接已过期，请向管理员重新索取。

err-id-empty = 请输入证件号码。
err-id-length = 居民身份证号码应为 18 位，您输入的是 { $length } 位，请核对后重新输入。
err-id-format = 身份证号码格式不对：前 17 位必须是数字，最后一位是数字或 X。
err-id-region = 身份证号码前两位“{ $code }”不是有效的省级行政区代码，请核对。
err-id-birth-date = 身份证号码中的出生日期“{ $value }”不是有效日期，请核对。
err-id-checksum = 身份证号码最后一位校验码不对，可能有数字输错了，请逐位核对后重新输入。
err-id-fullwidth = 号码中含有全角字符，已自动转换为半角。
err-id-birthplace-unknown = 提示：号码前 6 位的地区代码不在已知的行政区划代码中，请再核对一遍（不影响提交）。
err-phone-empty = 请输入手机号码。
err-phone-format = 手机号码只能包含数字（可带 +86），请重新输入。
err-phone-invalid = 这不是有效的号码，请核对位数后重新输入。
err-phone-not-mobile = 这看起来是固定电话号码，这里需要填写 11 位手机号码。
err-phone-not-mainland = 请填写中国大陆的 11 位手机号码。
err-uscc-empty = 请输入统一社会信用代码。
err-uscc-length = 统一社会信用代码应为 18 位，请核对。
err-uscc-format = 统一社会信用代码格式不对（只能包含数字和大写字母，不含 I、O、Z、S、V）。
err-uscc-checksum = 统一社会信用代码最后一位校验码不对，请逐位核对。

cmd-start = 开始 / 主菜单
cmd-help = 我能做什么
cmd-lang = 切换语言
cmd-cancel = 退出当前操作
cmd-privacy = 隐私说明
cmd-forget = 删除我的数据
console-banner = —— 本地控制台聊天（用户 { $user }）。输入文字发送；输入按钮编号即按下最新一条消息的按钮，“#消息号 按钮编号”按下更早消息（bot #N）的按钮；以引号开头（'10）把数字当文字发送；/file 路径 发送文件；/as 用户编号 切换用户；/tick [YYYY-MM-DD HH:MM] 按该时刻运行一次提醒；/quit 退出 ——
list-sep = 、
list-sep-clause = ，

# 日期的写法（中文沿用 2025-06-04）；英文见 locales/en/common.ftl（June 4, 2025）。
date-day = { $iso }
date-month = { $iso }
date-moment = { $day } { $time }
