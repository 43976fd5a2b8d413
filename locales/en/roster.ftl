# Roster pre-check. Parameters are HTML-escaped automatically.

menu-roster = 📋 Roster pre-check
cmd-roster = Roster pre-check: send the Excel file, see what the platform would reject

roster-kind-members = member import list (会员管理 → 批量导入)
roster-kind-mutual-aid = mutual-aid 2020 enrollment roster
roster-kind-retiree = retiree hospitalization plan roster
roster-severity-error = Error
roster-severity-warning = Warning

roster-intro =
    <b>Roster pre-check</b>
    Send me the Excel roster (.xlsx) you are about to upload to the platform. I check every row against the platform's import rules, tell you which rows would be rejected and how to fix them, and send back an annotated copy.
    Three kinds are supported: member import, mutual-aid enrollment roster, retiree plan roster.
    The file is only used for the check and is not stored. You can also download an empty template first:
roster-template-button = ⬇️ Template: { $kind }
roster-template-caption = Empty template: { $kind }. Keep the headers as they are; the document-number and phone columns are formatted as text so long numbers are not turned into 1.23E+17.
roster-ask-kind = I can't tell from the header which template this is. Please choose:
roster-ask-member-type = Which "member data type" will you choose on the platform for this import? (It decides the label and address checks.)
roster-member-type-skip = Not sure yet, check the other rules
roster-clerk-only = The roster pre-check is a clerk tool. Please choose "I'm a union clerk" in the menu first, then send the file.
roster-send-xlsx = Please send the roster as a file (.xlsx).
roster-not-xlsx = This is not an .xlsx file. The platform accepts only .xlsx: in Excel/WPS use "Save as → Excel Workbook (*.xlsx)" and send it again.
roster-download-failed = The file could not be downloaded. Please send it again.
roster-reading = ⏳ Reading "{ $file }"…
roster-progress = ⏳ Checking: { $done } / { $total } rows…
roster-progress-fix = ⏳ Writing the file ready to upload: { $done } / { $total } rows written…
roster-progress-report = ⏳ Writing the annotated copy: { $done } / { $total } rows…
roster-progress-convert = ⏳ Converting: { $done } / { $total } rows written…
roster-writing = ⏳ Writing the annotated copy…
roster-expired = This choice has expired. Please send the file again.
roster-cannot-read = ❌ This file cannot be read: { $reason }
    { $fix }
roster-summary-head = <b>{ $kind }</b>
    { $rows } data rows read: { $errors } errors, { $warnings } warnings.
roster-summary-clean = ✅ Nothing the platform would reject. You can upload it.
roster-summary-has-errors = ❌ Please fix the errors below before uploading, or the platform import will fail.
roster-summary-only-warnings = ⚠️ No errors, but a few things to look at.
roster-summary-by-rule = <b>By rule</b>
roster-summary-rule-line = • { $severity } | { $message }: { $count }
roster-summary-file-line = • { $severity } | { $message }
roster-summary-first = <b>First problems</b>
roster-summary-issue-line = • Row { $row }, column { $column }: { $message }
roster-summary-more = …and { $count } more, see the annotated copy.
roster-summary-as-of = Ages are computed on { $date } (start of the protection year).
roster-as-of-button = 📅 Change the age reference date
roster-ask-as-of = Enter the date ages are computed on, as YYYY-MM-DD (e.g. 2025-07-01). The default is the start of the protection year. Send /cancel to stop.
roster-as-of-invalid = That is not a date in the form YYYY-MM-DD, e.g. 2025-07-01. Please try again.
roster-report-caption = Annotated copy: faulty cells are filled and carry a comment with the fix; the last column gives each row's status; the "Summary" sheet lists every rule.

roster-template-file = roster-template
roster-report-suffix = checked
roster-rule-roster-required = Required field "{ $column }" is empty
roster-rule-roster-duplicate-id = Duplicate document number
roster-rule-roster-duplicate-phone = Duplicate phone number
roster-rule-roster-gender-mismatch = Gender does not match the ID number
roster-rule-roster-over-age = Over age while in service
roster-rule-roster-over-age-no-social-security = Over age without social security
roster-rule-roster-address-short = Work address shorter than 6 characters
roster-rule-roster-address-short-hint = Work address shorter than 6 characters (needed for a card)
roster-rule-id-length = ID number has the wrong length
roster-rule-id-region = ID number has a wrong province code
roster-rule-id-birth-date = Invalid birth date inside the ID number

roster-report-status-header = Pre-check result
roster-report-row-errors = ❌ { $errors } errors, { $warnings } warnings
roster-report-row-warnings = ⚠️ { $warnings } warnings
roster-report-row-ok = ✅ OK
roster-report-summary-sheet = Summary
roster-report-title = Roster pre-check summary
roster-report-kind = Roster kind
roster-report-rows = Data rows
roster-report-errors = Errors
roster-report-warnings = Warnings
roster-report-as-of = Age reference date
roster-report-file-issues = Problems with the whole file
roster-report-severity = Severity
roster-report-rule = Rule (problem → fix)
roster-report-count = Count
roster-report-first-rows = First rows

roster-report-clean = No problems found.

roster-template-hint-name = Required. The name as on the document.
roster-template-hint-id-type = Required; pick from the list.
roster-template-hint-id-number = Required. Text column; the ID's final X may be upper or lower case.
roster-template-hint-birth-date = Required for non-ID documents, format 1990-01-01.
roster-template-hint-gender = 男 (male) / 女 (female); required for non-ID documents.
roster-template-hint-phone = 11-digit mobile number.
roster-template-hint-social-security = Required: 是 (yes) / 否 (no).
roster-template-hint-union-name = Required.
roster-template-hint-union-no = Required.
roster-template-hint-workplace = Optional: employer or service platform.
roster-template-hint-hukou = As in the platform's data-description sheet.
roster-template-hint-label = When uploading as 灵活就业类, every row needs a flexible-employment label.
roster-template-hint-address = For members who need a member service card: the full work address, at least 6 characters.

# Row problems and fixes
err-roster-required = Required field "{ $column }" is empty
err-roster-required-fix = Fill in "{ $column }".
err-roster-id-type-invalid = Document type is not one of the allowed values
err-roster-id-type-invalid-fix = Use only: { $allowed }.
err-roster-id-type-unknown = Unusual document type
err-roster-id-type-unknown-fix = Use the values of the platform's data-description sheet (e.g. { $allowed }).
err-roster-id-number-as-number = The document number is stored as a number; Excel has lost its last digits
err-roster-id-number-as-number-fix = Format the column as Text and type the full number again (or start it with an apostrophe ').
err-roster-duplicate-id = Same document number as row{ $plural ->
        [one] {""}
       *[other] s
    } { $rows }{ $more ->
        [some] {" "}and others
       *[none] {""}
    }
err-roster-duplicate-id-fix = A document number may appear only once in a file: check the numbers and keep one of these rows.
err-roster-birth-date-required = Birth date missing for a non-ID document
err-roster-birth-date-required-fix = Non-ID documents (passport, HK/Macau/Taiwan residence permit…) need a birth date such as 1990-01-01.
err-roster-birth-date-format = Birth date is not in the right format
err-roster-birth-date-format-fix = Write a real date as YYYY-MM-DD, e.g. 1990-01-01.
err-roster-birth-date-mismatch = Birth date differs from the one in the ID number
err-roster-birth-date-mismatch-fix = For resident IDs the date in the number counts: check it or clear this cell.
err-roster-gender-required = Gender missing for a non-ID document
err-roster-gender-required-fix = Non-ID documents need the gender (男/女).
err-roster-gender-invalid = Gender must be 男 or 女
err-roster-gender-invalid-fix = Use: { $allowed }.
err-roster-gender-mismatch = Gender does not match the ID number (the number says "{ $expected }")
err-roster-gender-mismatch-fix = Check the gender or the number (an odd 17th digit is male, even is female).
err-roster-social-security-invalid = "是否有社保" must be 是 or 否
err-roster-social-security-invalid-fix = Use: { $allowed }.
err-roster-over-age = Over age while in service: { $age } on { $as_of } (limit: under { $limit })
err-roster-over-age-fix = The platform's roster validation lists this person as 在职超龄: remove them, or, if their medical insurance has in-service treatment, tick 【医保享受在职待遇】 for them on the platform.
err-roster-over-age-no-social-security = Over age without social security: { $age } on { $as_of } (people without 职保 must be women under 55, men under 60)
err-roster-over-age-no-social-security-fix = This person is not eligible; remove them. If they do have social security, change "是否有社保" to 是.
err-roster-duplicate-phone = Same phone number as row{ $plural ->
        [one] {""}
       *[other] s
    } { $rows }{ $more ->
        [some] {" "}and others
       *[none] {""}
    }
err-roster-duplicate-phone-fix = Retiree plan phone numbers must not repeat: enter each person's own mobile number.
err-roster-address-missing = Work address missing for a member who needs a card
err-roster-address-missing-fix = Fill in the full work-unit address, at least { $min } characters (last column of the sheet).
err-roster-address-short = Work address has only { $length } characters
err-roster-address-short-fix = The member service card needs a detailed address of at least { $min } characters: add district, road and number.
err-roster-address-short-hint = Work address has only { $length } characters
err-roster-address-short-hint-fix = If this member will get a member service card, the address needs at least { $min } characters.
err-roster-label-not-flexible = Member label is not a flexible-employment label
err-roster-label-not-flexible-fix = When uploading as "{ $type }", every row's member label must be a flexible-employment label (快递物流, 网约送餐, 房屋中介, 护工护理, 货运驾驶, 物业保安, 商场信息, 家政服务, 工地短工, 农业临工, 保洁环卫, 街面雇员); otherwise choose another member data type.
err-roster-member-type-invalid = Unknown member data type "{ $value }"
err-roster-member-type-invalid-fix = Choose one of: { $allowed }.
err-roster-kind-mismatch = The header looks like a { $detected ->
        [members] member import
        [mutual-aid] mutual-aid enrollment
       *[retiree] retiree plan
    } template
err-roster-kind-mismatch-fix = Check that you chose the right roster kind.
err-cell-formula = The cell holds a formula
err-cell-formula-fix = The platform imports cell contents: copy and "Paste special → Values".
err-cell-error-value = The cell holds an error value (such as #N/A)
err-cell-error-value-fix = Enter the correct content.

# Fixes for document-number and phone problems (the problems' text is in common.ftl)
err-id-empty-fix = Fill in the document number.
err-id-length-fix = A resident ID has 18 characters: check for a missing or extra digit.
err-id-format-fix = The first 17 characters must be digits, the last a digit or X.
err-id-region-fix = Check the first two digits (province code).
err-id-birth-date-fix = Check the birth date in digits 7–14.
err-id-checksum-fix = A digit is probably mistyped: compare the number with the document digit by digit.
err-id-fullwidth-fix = Checked as half-width digits; better replace the full-width digits so the platform reads them.
err-id-birthplace-unknown-fix = The rest of the number is valid: double-check the first 6 digits; you can upload if they are right.
err-roster-phone-empty-fix = Fill in an 11-digit mobile number.
err-roster-phone-format-fix = A phone number may contain only digits: remove other characters.
err-roster-phone-invalid-fix = Check the number of digits and the prefix.
err-roster-phone-not-mobile-fix = Enter an 11-digit mobile number, not a landline.
err-roster-phone-not-mainland-fix = Enter an 11-digit mainland China mobile number.

# Problems with the whole file
err-roster-too-many-rows = { $rows } data rows: more than the { $max } people allowed per file
err-roster-too-many-rows-fix = Split it into files of at most { $max } people and upload them one by one.
err-roster-phones-valid-ratio = Only { $valid } of { $total } phone numbers are valid ({ $percent }%), below { $min }%
err-roster-phones-valid-ratio-fix = The platform needs at least { $min }% valid phone numbers: complete or correct them.
err-roster-no-data = No data under the header
err-roster-no-data-fix = Fill in one person per row under the header.
err-header-missing-column = Column "{ $header }" is missing
err-header-missing-column-fix = Use the platform template and add the "{ $header }" column.
err-header-duplicate-column = Column { $column } "{ $header }" repeats column { $first }
err-header-duplicate-column-fix = Delete the repeated column and keep one.
err-header-extra-column = Column { $column } "{ $header }" is not in the template and was ignored
err-header-extra-column-fix = Delete columns that are not in the template before uploading.
err-header-layout-changed = The layout differs from the platform template (header on row { $row }, column order or extra columns)
err-header-layout-changed-fix = The platform wants the template format unchanged: paste the data into the original template (header on row 1, same column order) before uploading.
err-sheet-merged-cells = Merged cells in the data area: { $ranges }
err-sheet-merged-cells-fix = Unmerge them and fill every cell.
err-sheet-hidden = The roster sheet "{ $sheet }" is hidden
err-sheet-hidden-fix = Unhide it and make it the first sheet.
err-sheet-hidden-sheets = The file has { $count } hidden sheet(s): { $sheets }
err-sheet-hidden-sheets-fix = Hidden sheets are not imported; delete them if they are not needed.
err-sheet-not-first = The roster is on sheet "{ $sheet }", not the first sheet
err-sheet-not-first-fix = Move the roster to the first sheet.

# Files that cannot be read
err-file-too-large = The file is too large ({ $size_mb } MB, limit { $max_mb } MB)
err-file-too-large-fix = Remove pictures, extra sheets and formatting, or split the roster, then send it again.
err-file-not-xlsx = This is not an Excel workbook (.xlsx)
err-file-not-xlsx-fix = In Excel/WPS use "Save as → Excel Workbook (*.xlsx)" and send it again.
err-file-old-xls = This is an old .xls file; the platform accepts only .xlsx
err-file-old-xls-fix = In Excel/WPS use "Save as → Excel Workbook (*.xlsx)" and send it again.
err-file-encrypted = The file is password-protected
err-file-encrypted-fix = Remove the password in Excel (File → Info → Protect Workbook → Encrypt with Password, clear it) and send it again.
err-file-corrupt = The file is damaged and cannot be opened
err-file-corrupt-fix = Open it in Excel to check, save it again as .xlsx and resend.
err-file-zip-bomb = The file expands to an abnormal size and was refused
err-file-zip-bomb-fix = Keep only the roster data and save it again as a normal .xlsx file.
err-file-too-much-data = The workbook holds too much data ({ $size_mb } MB unpacked, limit { $max_mb } MB)
err-file-too-much-data-fix = Keep only the roster data (remove pictures, extra sheets, large formatted areas) or split it into several files.
err-file-too-many-columns = The sheet uses { $columns } columns (limit { $max })
err-file-too-many-columns-fix = Delete the columns outside the template (including empty but formatted ones).
err-file-too-many-rows = The sheet uses { $rows } rows (limit { $max })
err-file-too-many-rows-fix = Delete the extra rows below the roster (including empty but formatted ones), or split the file.
err-file-empty = The sheet is empty
err-file-empty-fix = Fill in the roster in the template and send it again.
err-file-no-header = No roster header (姓名, 证件类型, 证件号码…) in the first rows
err-file-no-header-fix = Use the platform template with the header on row 1.
err-file-xml-entities = The file contains XML definitions (DTD/entities) that Excel never writes; it was refused
err-file-xml-entities-fix = Open it in Excel or WPS, use "Save as → Excel Workbook (*.xlsx)" and send the newly saved file.
err-file-external-links = The file links to other workbooks (external links)
err-file-external-links-fix = Select the roster, "Copy → Paste Special → Values", break the links under "Data → Edit Links", save and send it again.
err-file-cannot-check = This file cannot be checked (the check went past its time or memory limit) and was stopped
err-file-cannot-check-fix = Make sure the file holds only the roster (remove pictures, extra sheets and large formatted areas), save it as a new .xlsx and send it again; split a very large roster into several files.
err-file-rate-limited = At most { $limit } files can be checked per minute
err-file-rate-limited-fix = Please wait { $seconds } seconds and send it again.
roster-summary-as-of-both = Ages are computed on two dates, the start of the protection year { $start } and today { $today }: the manual says only "women under 55, men under 60" and not on which day, so people on different sides of the limit on the two dates get a warning.
roster-rule-roster-over-age-unclear = Over age or not depends on the day ages are reckoned on
roster-rule-roster-address-missing-hint = Work address empty (needed for a card)
err-roster-over-age-unclear = { $first_age } on { $first }, { $last_age } on { $last } (limit: under { $limit }): the manual does not say on which day age is reckoned
err-roster-over-age-unclear-fix = The platform's roster validation decides: if it lists this person as 在职超龄 (over age), tick 【医保享受在职待遇】 (in-service medical treatment) for people with social security who have it, otherwise remove them; or re-check with "Change the age reference date" using the platform's date.
err-roster-address-missing-hint = Work address empty
err-roster-address-missing-hint-fix = Manual [001]: members who will get a member service card need the full work address, at least { $min } characters; members without a card may leave it empty.
err-header-missing-address-hint = No "{ $header }" column
err-header-missing-address-hint-fix = Manual [001]: members who will get a member service card need the detailed work address in the last column (at least { $min } characters); leave it out if none of them get a card.

# Rule labels (short, for the by-rule counts)
roster-rule-roster-id-type-invalid = Document type not among the allowed values
roster-rule-roster-id-type-unknown = Unusual document type
roster-rule-roster-id-number-as-number = Document number stored as a number
roster-rule-roster-birth-date-required = Birth date missing for a non-ID document
roster-rule-roster-birth-date-format = Birth date in the wrong format
roster-rule-roster-birth-date-mismatch = Birth date differs from the ID number
roster-rule-roster-gender-required = Gender missing for a non-ID document
roster-rule-roster-gender-invalid = Gender not 男 or 女
roster-rule-roster-social-security-invalid = 是否有社保 (has social security) not 是 or 否
roster-rule-roster-address-missing = Work address missing for a member who needs a card
roster-rule-roster-label-not-flexible = Member label not a flexible-employment label
roster-rule-cell-formula = Cell holds a formula
roster-rule-cell-error-value = Cell holds an error value
roster-rule-id-empty = Document number empty
roster-rule-id-format = ID number in the wrong format
roster-rule-id-checksum = Wrong ID check character
roster-rule-id-fullwidth = Full-width characters in the ID number
roster-rule-id-birthplace-unknown = ID area code not in the code table
roster-rule-roster-phone-empty = "{ $column }" empty
roster-rule-roster-phone-format = "{ $column }" has characters other than digits
roster-rule-roster-phone-invalid = "{ $column }" not a valid mobile number
roster-rule-roster-phone-not-mobile = "{ $column }" is a landline
roster-rule-roster-phone-not-mainland = "{ $column }" not a mainland mobile number
err-roster-phone-empty = Column "{ $column }" is empty
err-roster-phone-format = Column "{ $column }" holds characters other than digits
err-roster-phone-invalid = Column "{ $column }" is not a valid mobile number (digits or prefix)
err-roster-phone-not-mobile = Column "{ $column }" holds a landline, not a mobile number
err-roster-phone-not-mainland = Column "{ $column }" is not a mainland China mobile number
err-sheet-others-ignored = Sheet "{ $sheet }" was checked; { $count } other sheet(s) were not: { $others }
err-sheet-others-ignored-fix = The platform imports only the roster's sheet: delete the others before uploading, or upload the "ready to upload" file.
err-roster-id-spaces = Spaces inside the document number
err-roster-id-spaces-fix = Remove the spaces (the "ready to upload" file has them removed).
roster-rule-roster-id-spaces = Spaces inside the document number
roster-report-left-out-sheet = Rows left out
roster-report-fixes-sheet = Changes
roster-report-row = Row
roster-report-column = Column
roster-report-header = Header
roster-report-reason = Reason (needs a person)
roster-report-before = Before
roster-report-after = After
roster-report-none-left-out = Every row is in the file ready to upload.
roster-fixed-suffix = ready-to-upload
roster-fixed-caption = Ready to upload: the platform template's header and column order, cleaned as listed under "Changes" ({ $changes } changes), { $rows } rows; rows needing a person are left out (see "Rows left out" in the annotated copy): { $left }.
roster-summary-fixed = 📎 Ready-to-upload file "{ $file }": { $rows } rows, { $changes } changes, { $parts } file(s); { $left } rows need a person and were left out.
roster-kind-short-members = member import list
roster-kind-short-mutual-aid = mutual-aid roster
roster-kind-short-retiree = retiree plan roster
roster-convert-button = 🔁 Convert to a { $kind }
roster-converted = <b>Converted to: { $kind }</b>, { $rows } people.
    Filled in from the ID number: { $derived }.
    Left for you to fill in (cannot be derived): { $to_fill }.
roster-converted-caption = { $kind } (the platform template's header and column order). Fill in the empty columns, then send it to me to check again.
