# 清册预检（roster pre-check）。参数会自动做 HTML 转义。

menu-roster = 📋 清册预检
cmd-roster = 清册预检：发送Excel名单，先查出平台会拒收的问题

roster-kind-members = 会员导入名单（会员管理 → 批量导入）
roster-kind-mutual-aid = 在职职工互助保障参保名单（2020项目）
roster-kind-retiree = “退休住院计划”参保名单
roster-severity-error = 错误
roster-severity-warning = 提醒

roster-intro =
    <b>清册预检</b>
    把要上传到平台的 Excel 名单（.xlsx）直接发给我，我会按平台的导入规则逐行检查，告诉您哪些行会被拒收、怎么改，并把标注好的文件发回给您。
    支持三种名单：会员导入、互助保障参保名单、退休住院计划参保名单。
    文件只在检查时使用，不会保存。也可以先下载空白模板：
roster-template-button = ⬇️ 模板：{ $kind }
roster-template-caption = { $kind } 空白模板。表头请保持原样；证件号码、手机号列已设为文本格式，避免长数字被改成科学计数法。
roster-ask-kind = 这份名单的表头看不出是哪一种模板，请选择：
roster-ask-member-type = 会员导入时，您在平台上要选择哪种“会员数据类型”？（会影响会员标签和地址的检查）
roster-member-type-skip = 暂不确定，先检查其他规则
roster-clerk-only = 清册预检是经办人功能。请先在菜单中选择“我是工会经办人”，再发送文件。
roster-send-xlsx = 请把名单作为文件（.xlsx）发送给我。
roster-not-xlsx = 这不是 .xlsx 文件。平台只接受 .xlsx：请在 Excel/WPS 中“另存为 → Excel 工作簿(*.xlsx)”后再发送。
roster-download-failed = 文件没有下载成功，请重新发送一次。
roster-reading = ⏳ 正在读取「{ $file }」…
roster-progress = ⏳ 正在检查：{ $done } / { $total } 行…
roster-progress-fix = ⏳ 正在生成可上传文件：已写入 { $done } / { $total } 行…
roster-progress-report = ⏳ 正在生成标注文件：{ $done } / { $total } 行…
roster-progress-convert = ⏳ 正在转换：已写入 { $done } / { $total } 行…
roster-writing = ⏳ 正在生成标注文件…
roster-expired = 这个选择已经过期了，请重新发送文件。
roster-cannot-read = ❌ 无法读取这个文件：{ $reason }
    { $fix }
roster-summary-head = <b>{ $kind }</b>
    读取数据 { $rows } 行：错误 { $errors } 个，提醒 { $warnings } 个。
roster-summary-clean = ✅ 没有发现平台会拒收的问题，可以上传。
roster-summary-has-errors = ❌ 请先改正下面的错误再上传，否则平台会导入失败。
roster-summary-only-warnings = ⚠️ 没有错误，但有需要留意的提醒。
roster-summary-by-rule = <b>按规则统计</b>
roster-summary-rule-line = • { $severity }｜{ $message }：{ $count } 处
roster-summary-file-line = • { $severity }｜{ $message }
roster-summary-first = <b>前几处问题</b>
roster-summary-issue-line = • 第 { $row } 行 { $column } 列：{ $message }
roster-summary-more = ……还有 { $count } 处，详见标注文件。
roster-summary-as-of = 年龄按 { $date } 计算（保障年度起始日）。
roster-as-of-button = 📅 更改年龄计算基准日
roster-ask-as-of = 请输入年龄计算基准日，格式 YYYY-MM-DD（例如 2025-07-01）。默认是保障年度的起始日。发送 /cancel 取消。
roster-as-of-invalid = 日期格式不对，请按 YYYY-MM-DD 输入，例如 2025-07-01。
roster-report-caption = 标注文件：有问题的单元格已填色并附批注说明改法；最后一列是每行的状态，“汇总”表列出全部规则统计。

roster-template-file = 名单模板
roster-report-suffix = 预检结果
roster-rule-roster-required = 必填项“{ $column }”为空
roster-rule-roster-duplicate-id = 证件号码重复
roster-rule-roster-duplicate-phone = 手机号重复
roster-rule-roster-gender-mismatch = 性别与身份证号码不一致
roster-rule-roster-over-age = 在职超龄
roster-rule-roster-over-age-no-social-security = 无社保且超龄
roster-rule-roster-address-short = 工作单位详细地址不足6个字
roster-rule-roster-address-short-hint = 工作单位详细地址不足6个字（办卡时需要）
roster-rule-id-length = 身份证号码位数不对
roster-rule-id-region = 身份证号码省份代码不对
roster-rule-id-birth-date = 身份证号码中的出生日期无效

roster-report-status-header = 预检结果
roster-report-row-errors = ❌ 错误 { $errors }，提醒 { $warnings }
roster-report-row-warnings = ⚠️ 提醒 { $warnings }
roster-report-row-ok = ✅ 通过
roster-report-summary-sheet = 汇总
roster-report-title = 清册预检汇总
roster-report-kind = 名单类型
roster-report-rows = 数据行数
roster-report-errors = 错误
roster-report-warnings = 提醒
roster-report-as-of = 年龄计算基准日
roster-report-file-issues = 整个文件的问题
roster-report-severity = 级别
roster-report-rule = 规则（问题 → 改法）
roster-report-count = 数量
roster-report-first-rows = 前几处所在行
roster-report-clean = 没有发现问题。

roster-template-hint-name = 必填。与证件上的姓名一致。
roster-template-hint-id-type = 必填，从下拉中选择。
roster-template-hint-id-number = 必填。此列为文本格式，身份证末位 X 大小写均可。
roster-template-hint-birth-date = 非身份证必填，格式 1990-01-01。
roster-template-hint-gender = 男 / 女（非身份证必填）。
roster-template-hint-phone = 11位手机号。
roster-template-hint-social-security = 必填：是 / 否。
roster-template-hint-union-name = 必填。
roster-template-hint-union-no = 必填。
roster-template-hint-workplace = 选填：工作单位或服务平台名称。
roster-template-hint-hukou = 按平台“数据说明表”填写。
roster-template-hint-label = 选择“灵活就业类”上传时，每行都必须是灵活就业标签。
roster-template-hint-address = 需要办会员服务卡的，请完整填写工作单位详细地址，不少于6个字。

# 行级问题与改法
err-roster-required = 必填项“{ $column }”为空
err-roster-required-fix = 请填写“{ $column }”。
err-roster-id-type-invalid = 证件类型不在可选值内
err-roster-id-type-invalid-fix = 只能填写：{ $allowed }。
err-roster-id-type-unknown = 证件类型不是常见取值
err-roster-id-type-unknown-fix = 请按平台模板“数据说明表”填写证件类型（如：{ $allowed }）。
err-roster-id-number-as-number = 证件号码被存成了数字，Excel 已丢失末尾几位
err-roster-id-number-as-number-fix = 把该列设为“文本”格式后重新输入完整号码（或在号码前加英文单引号 '）。
err-roster-duplicate-id = 证件号码与第 { $rows } 行{ $more ->
        [some] 等 { $count } 行
       *[none] {""}
    }重复
err-roster-duplicate-id-fix = 同一证件号码在一个文件中只能出现一次：核对号码，只保留其中一行。
err-roster-birth-date-required = 非身份证人员缺少出生日期
err-roster-birth-date-required-fix = 非身份证（护照、港澳台居住证等）必须填写出生日期，格式如 1990-01-01。
err-roster-birth-date-format = 出生日期格式不对
err-roster-birth-date-format-fix = 请按 YYYY-MM-DD 填写真实日期，例如 1990-01-01。
err-roster-birth-date-mismatch = 出生日期与身份证号码中的不一致
err-roster-birth-date-mismatch-fix = 身份证人员以号码中的出生日期为准，请核对或清空此格。
err-roster-gender-required = 非身份证人员缺少性别
err-roster-gender-required-fix = 非身份证人员必须填写性别（男/女）。
err-roster-gender-invalid = 性别只能填“男”或“女”
err-roster-gender-invalid-fix = 请填写：{ $allowed }。
err-roster-gender-mismatch = 性别与身份证号码不一致（号码显示为“{ $expected }”）
err-roster-gender-mismatch-fix = 请核对性别或证件号码（第17位奇数为男、偶数为女）。
err-roster-social-security-invalid = “是否有社保”只能填“是”或“否”
err-roster-social-security-invalid-fix = 请填写：{ $allowed }。
err-roster-over-age = 在职超龄：按 { $as_of } 计 { $age } 岁（须未满 { $limit } 岁）
err-roster-over-age-fix = 平台清册校验会列为“在职超龄”：要么移除此人，要么确认其医保享受在职待遇后在平台上勾选【医保享受在职待遇】。
err-roster-over-age-no-social-security = 无社保且超龄：按 { $as_of } 计 { $age } 岁（无职保人员须女性未满55岁、男性未满60岁）
err-roster-over-age-no-social-security-fix = 此人不符合参保条件，请从名单中移除；若实际有社保，把“是否有社保”改为“是”。
err-roster-duplicate-phone = 手机号与第 { $rows } 行{ $more ->
        [some] 等 { $count } 行
       *[none] {""}
    }重复
err-roster-duplicate-phone-fix = 退休住院计划的手机号不能重复，请填写本人的手机号。
err-roster-address-missing = 需要办卡的会员缺少工作单位详细地址
err-roster-address-missing-fix = 请完整填写工作单位详细地址，不少于 { $min } 个字（在表格最后一列）。
err-roster-address-short = 工作单位详细地址只有 { $length } 个字
err-roster-address-short-fix = 办会员服务卡要求详细地址不少于 { $min } 个字，请补全（区、路、门牌号）。
err-roster-address-short-hint = 工作单位详细地址只有 { $length } 个字
err-roster-address-short-hint-fix = 如果此会员要办会员服务卡，地址须不少于 { $min } 个字。
err-roster-label-not-flexible = 会员标签不是灵活就业标签
err-roster-label-not-flexible-fix = 按“{ $type }”上传时，每行会员标签都必须是灵活就业标签（快递物流、网约送餐、房屋中介、护工护理、货运驾驶、物业保安、商场信息、家政服务、工地短工、农业临工、保洁环卫、街面雇员）；否则请改选其他会员数据类型。
err-roster-member-type-invalid = 会员数据类型“{ $value }”无法识别
err-roster-member-type-invalid-fix = 可选：{ $allowed }。
err-roster-kind-mismatch = 表头看起来是{ $detected ->
        [members] 会员导入
        [mutual-aid] 互助保障参保
       *[retiree] 退休住院计划
    }名单的模板
err-roster-kind-mismatch-fix = 请确认名单类型是否选对了。
err-cell-formula = 单元格是公式
err-cell-formula-fix = 平台按单元格内容导入，请复制后“选择性粘贴 → 数值”。
err-cell-error-value = 单元格是错误值（如 #N/A）
err-cell-error-value-fix = 请填入正确的内容。

# 证件号码、手机号问题的改法（问题本身的文字在 common.ftl）
err-id-empty-fix = 请填写证件号码。
err-id-length-fix = 居民身份证号码为18位，请核对是否多输、漏输。
err-id-format-fix = 前17位必须是数字，最后一位是数字或 X。
err-id-region-fix = 请核对号码开头两位（省份代码）。
err-id-birth-date-fix = 请核对号码第7～14位的出生日期。
err-id-checksum-fix = 很可能有一位输错了，请对照证件逐位核对。
err-id-fullwidth-fix = 已按半角数字检查；建议把全角数字改为半角，避免平台识别失败。
err-id-birthplace-unknown-fix = 号码其他部分正确，请再核对一下前6位；确认无误可以上传。
err-roster-phone-empty-fix = 请填写11位手机号。
err-roster-phone-format-fix = 手机号只能是数字，请删除空格以外的其他字符。
err-roster-phone-invalid-fix = 请核对号码位数和号段。
err-roster-phone-not-mobile-fix = 请填写11位手机号，不要填座机。
err-roster-phone-not-mainland-fix = 请填写中国大陆11位手机号。

# 整个文件的问题
err-roster-too-many-rows = 数据有 { $rows } 行，超过单个文件上限 { $max } 人
err-roster-too-many-rows-fix = 请拆分成几个文件，每个不超过 { $max } 人，逐个上传。
err-roster-phones-valid-ratio = 有效手机号只有 { $valid } / { $total }（{ $percent }%），未达到 { $min }%
err-roster-phones-valid-ratio-fix = 平台要求有效手机号达到 { $min }% 以上，请补全或改正手机号。
err-roster-no-data = 表头下面没有数据
err-roster-no-data-fix = 请在表头下方逐行填写人员信息。
err-header-missing-column = 缺少“{ $header }”列
err-header-missing-column-fix = 请使用平台模板，补上“{ $header }”列。
err-header-duplicate-column = { $column } 列“{ $header }”与 { $first } 列重复
err-header-duplicate-column-fix = 删除重复的列，只保留一列。
err-header-extra-column = { $column } 列“{ $header }”不是模板中的列，检查时已忽略
err-header-extra-column-fix = 上传前请删除模板以外的列。
err-header-layout-changed = 表格格式与平台模板不同（表头在第 { $row } 行、列顺序或多余列）
err-header-layout-changed-fix = 平台要求“保持模板格式不变”：请把数据粘贴到原模板中（表头在第1行，列顺序不变）再上传。
err-sheet-merged-cells = 数据区有合并单元格：{ $ranges }
err-sheet-merged-cells-fix = 请取消合并单元格，并在每个单元格中填入内容。
err-sheet-hidden = 名单所在工作表“{ $sheet }”是隐藏的
err-sheet-hidden-fix = 请取消隐藏，并把名单放在第一个工作表（或上传“可上传”文件）。
err-sheet-hidden-sheets = 文件中有 { $count } 个隐藏工作表：{ $sheets }
err-sheet-hidden-sheets-fix = 隐藏工作表的内容不会被导入；确认不需要后可删除。
err-sheet-not-first = 名单在工作表“{ $sheet }”中，不是第一个工作表
err-sheet-not-first-fix = 请把名单移到第一个工作表。

# 无法读取的文件
err-file-too-large = 文件太大（{ $size_mb } MB，上限 { $max_mb } MB）
err-file-too-large-fix = 请删除图片、多余的工作表和格式，或拆分名单后再发送。
err-file-not-xlsx = 这不是 Excel 工作簿（.xlsx）
err-file-not-xlsx-fix = 在 Excel/WPS 中“另存为 → Excel 工作簿(*.xlsx)”后再发送。
err-file-old-xls = 这是旧版 .xls 文件，平台只接受 .xlsx
err-file-old-xls-fix = 在 Excel/WPS 中“另存为 → Excel 工作簿(*.xlsx)”后再发送。
err-file-encrypted = 文件设置了打开密码
err-file-encrypted-fix = 请在 Excel 中取消密码（文件 → 信息 → 保护工作簿 → 用密码加密，清空）后再发送。
err-file-corrupt = 文件已损坏，无法打开
err-file-corrupt-fix = 请在 Excel 中打开确认，然后重新保存为 .xlsx 再发送。
err-file-zip-bomb = 文件解压后异常巨大，已拒绝读取
err-file-zip-bomb-fix = 请只保留名单数据，重新保存为普通 .xlsx 文件。
err-file-too-much-data = 表格内容太多（解压后 { $size_mb } MB，上限 { $max_mb } MB）
err-file-too-much-data-fix = 请只保留名单数据（删除图片、多余的工作表和大片格式），或拆分成几个文件。
err-file-too-many-columns = 表格用到了 { $columns } 列（上限 { $max } 列）
err-file-too-many-columns-fix = 请删除模板以外的列（含空白但有格式的列），只保留名单数据。
err-file-too-many-rows = 表格用到了 { $rows } 行（上限 { $max } 行）
err-file-too-many-rows-fix = 请删除名单末尾多余的行（含空白但有格式的行），或拆分文件。
err-file-empty = 工作表是空的
err-file-empty-fix = 请在模板中填写名单后再发送。
err-file-no-header = 前几行中找不到名单表头（姓名、证件类型、证件号码……）
err-file-no-header-fix = 请使用平台模板，表头放在第1行。
err-file-xml-entities = 文件里有 Excel 不会写入的 XML 定义（DTD/实体），已拒绝读取
err-file-xml-entities-fix = 请在 Excel 或 WPS 中打开后“另存为 → Excel 工作簿(*.xlsx)”，再发送新保存的文件。
err-file-external-links = 文件链接了其他工作簿（外部链接）
err-file-external-links-fix = 请选中名单后“复制 → 选择性粘贴 → 数值”，再在“数据 → 编辑链接”中断开链接，保存后重新发送。
err-file-cannot-check = 这个文件无法检查（检查超出了时间或内存上限），已停止
err-file-cannot-check-fix = 请确认文件只包含名单数据（删除图片、多余的工作表和大片格式），另存为新的 .xlsx 后再发送；名单很大时可拆分成几个文件。
err-file-rate-limited = 一分钟内最多检查 { $limit } 个文件
err-file-rate-limited-fix = 请稍等 { $seconds } 秒再发送。
roster-summary-as-of-both = 年龄按保障年度起始日 { $start } 和今天 { $today } 两个日期计算：手册只说“女性未满55周岁、男性未满60周岁”，没有说按哪一天算，两个日期结果不同的人列为提醒。
roster-rule-roster-over-age-unclear = 年龄是否超龄取决于按哪一天计算
roster-rule-roster-address-missing-hint = 未填工作单位详细地址（办卡时需要）
err-roster-over-age-unclear = 按 { $first } 计 { $first_age } 岁、按 { $last } 计 { $last_age } 岁（限 { $limit } 岁）：手册没有说年龄按哪一天算
err-roster-over-age-unclear-fix = 以平台清册校验为准：若被列为“在职超龄”，有社保且医保享受在职待遇的勾选【医保享受在职待遇】，否则移除此人；也可用“更改年龄计算基准日”按平台的日期重查。
err-roster-address-missing-hint = 未填写工作单位详细地址
err-roster-address-missing-hint-fix = 手册[001]：如需为会员办理工会会员服务卡，须完整填写工作单位详细地址，且不少于 { $min } 个字；此会员不办卡可以不填。
err-header-missing-address-hint = 没有“{ $header }”列
err-header-missing-address-hint-fix = 手册[001]：要为会员办理工会会员服务卡的，须在最后一列填写工作单位详细地址（不少于 { $min } 个字）；都不办卡可以不加。

# 规则名称（汇总用的短标签）
roster-rule-roster-id-type-invalid = 证件类型不在可选值内
roster-rule-roster-id-type-unknown = 证件类型不是常见取值
roster-rule-roster-id-number-as-number = 证件号码被存成了数字
roster-rule-roster-birth-date-required = 非身份证人员缺少出生日期
roster-rule-roster-birth-date-format = 出生日期格式不对
roster-rule-roster-birth-date-mismatch = 出生日期与身份证号码不一致
roster-rule-roster-gender-required = 非身份证人员缺少性别
roster-rule-roster-gender-invalid = 性别不是“男”或“女”
roster-rule-roster-social-security-invalid = “是否有社保”不是“是”或“否”
roster-rule-roster-address-missing = 需要办卡的会员缺少工作单位详细地址
roster-rule-roster-label-not-flexible = 会员标签不是灵活就业标签
roster-rule-cell-formula = 单元格是公式
roster-rule-cell-error-value = 单元格是错误值
roster-rule-id-empty = 证件号码为空
roster-rule-id-format = 身份证号码格式不对
roster-rule-id-checksum = 身份证号码校验码不对
roster-rule-id-fullwidth = 身份证号码含全角字符
roster-rule-id-birthplace-unknown = 身份证号码地区代码不在代码表中
roster-rule-roster-phone-empty = “{ $column }”为空
roster-rule-roster-phone-format = “{ $column }”含数字以外的字符
roster-rule-roster-phone-invalid = “{ $column }”不是有效的手机号
roster-rule-roster-phone-not-mobile = “{ $column }”是固定电话
roster-rule-roster-phone-not-mainland = “{ $column }”不是大陆手机号
err-roster-phone-empty = “{ $column }”列为空
err-roster-phone-format = “{ $column }”列的号码含有数字以外的字符
err-roster-phone-invalid = “{ $column }”列不是有效的手机号（位数或号段不对）
err-roster-phone-not-mobile = “{ $column }”列填的是固定电话，不是手机号
err-roster-phone-not-mainland = “{ $column }”列不是中国大陆的手机号
err-sheet-others-ignored = 检查的是工作表“{ $sheet }”，未检查的 { $count } 个：{ $others }
err-sheet-others-ignored-fix = 平台只导入名单所在的工作表：上传前请删除其他工作表，或只上传“可上传”文件。
err-roster-id-spaces = 证件号码中有空格
err-roster-id-spaces-fix = 请删除号码中的空格（“可上传”文件中已删除）。
roster-rule-roster-id-spaces = 证件号码中有空格
roster-report-left-out-sheet = 未放入可上传文件的行
roster-report-fixes-sheet = 修改清单
roster-report-row = 行
roster-report-column = 列
roster-report-header = 表头
roster-report-reason = 原因（需要人工处理）
roster-report-before = 原值
roster-report-after = 改为
roster-report-none-left-out = 所有行都已放入可上传文件。
roster-fixed-suffix = 可上传
roster-fixed-caption = 可上传文件：平台模板的表头和列顺序，已整理 { $changes } 处（见标注文件“修改清单”），共 { $rows } 行；需要人工处理、未放入的 { $left } 行见标注文件“未放入可上传文件的行”。
roster-summary-fixed = 📎 可上传文件「{ $file }」（{ $parts } 个文件）：{ $rows } 行，修改 { $changes } 处；未放入 { $left } 行（需要人工处理）。
roster-kind-short-members = 会员导入名单
roster-kind-short-mutual-aid = 互助保障名单
roster-kind-short-retiree = 退休住院计划名单
roster-convert-button = 🔁 转成{ $kind }
roster-converted = <b>已转成{ $kind }</b>：{ $rows } 人。
    由身份证号码填入：{ $derived }。
    需要您补填（无法推算）：{ $to_fill }。
roster-converted-caption = { $kind }（按平台模板的表头和列顺序）。请补填空着的列，再发给我检查一次。
