"""Writes the registrant-import test fixture with openpyxl, a writer independent of Apache POI.

Usage: /usr/bin/python3 make_fixture.py OUTPUT.xlsx

The rows are awkward on purpose; RegistrantImporterFixtureTest asserts the outcome of every row, so keep the two
in step. Excel row numbers are given in the comments.
"""
import sys

from openpyxl import Workbook

out = sys.argv[1]
wb = Workbook()
notes = wb.active
notes.title = "导入说明"
notes["A1"] = "数据在“备案人”工作表中"
ws = wb.create_sheet("备案人")

# Columns in another order than the template, awkward header texts, and an unknown column 备注.
ws.append(["手机号 *", "姓名＊", " 学号／工号 *", "身份", "身份类型", "备注", "部门/单位*", "身份证后六位", "被分管部门"])

N = None
rows = {
    # phone stored as a number, 学号 with leading zeros stored as text, lower-case x
    2: [13800138000, "张三", "000123", "学生", N, N, "计算机学院", "12345x", N],
    # +86 with dashes, 学号 stored as a number, teacher type and a managed department
    3: ["+86 138-0013-8001", "李四", 20230001, "教师", "专任教师", N, "保卫处", "12345X", "计算机学院"],
    # 4: no cells at all
    # 5: only spaces (ASCII and ideographic)
    5: ["  ", " ", N, N, N, N, "\u3000", N, N],
    # full-width digits, letters and spaces
    6: ["１３８００１３８００２", "Ｊｏｈｎ\u3000Ｓｍｉｔｈ", "ＴＰ００１", "第三方服务人员", N, "外包保洁", "ＩＴ中心", "１２３４５ｘ", N],
    # duplicate 学号 of row 2
    7: [13800138003, "王五", "000123", "学生", N, N, "计算机学院", N, N],
    # unknown department
    8: [13800138004, "赵六", "S0008", "学生", N, N, "不存在学院", N, N],
    # identity the school has closed
    9: [13800138005, "钱七", "R0009", "居民", N, N, "计算机学院", N, N],
    # formula-looking name stored as text (fixed up below)
    10: [13800138006, '=HYPERLINK("http://x.example/","点我")', "S0010", "学生", N, N, "计算机学院", N, N],
    # many problems in one row
    11: ["12345", N, N, "学霸", N, "多处错误", N, "1234567", N],
    # phone as a float, numeric 工号, numeric ID tail
    12: [13800138007.0, "孙八", 900001, "教师", "行政人员", N, "保卫处", 123456, N],
    # same phone as row 2, typed with spaces
    13: ["138 0013 8000", "周一", "S0013", "学生", N, N, "计算机学院", N, N],
    # 学号 and phone already taken in the school
    14: [13900000000, "吴二", "T0001", "教师", N, N, "保卫处", N, N],
    # identity type that the identity does not have
    15: [13800138015, "郑三", "T0015", "教师", "博士后", N, "保卫处", N, N],
    # a real formula for the 学号; openpyxl stores no cached result
    16: [13800138016, "冯四", '="S"&"0016"', "学生", N, N, "计算机学院", N, N],
    # English identity name, department with a trailing space
    17: ["13800138009", "陈五", "S0017", "student", N, N, "计算机学院 ", N, N],
    # a remark only: not a registrant
    18: [N, N, N, N, N, "只有备注的行", N, N, N],
    # dashes; ID tail typed as a number shown with leading zeros through a 000000 format
    19: ["138-0013-8010", "褚六", "S0019", "学生", N, N, "  计算机学院", 12345, N],
}

for r, values in rows.items():
    for c, value in enumerate(values, start=1):
        if value is not None:
            ws.cell(row=r, column=c, value=value)

# openpyxl turns any string starting with "=" into a formula; row 10's name must stay a literal string.
ws.cell(row=10, column=2).data_type = "s"
ws.cell(row=19, column=8).number_format = "000000"

wb.save(out)
