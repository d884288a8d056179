#!/usr/bin/env python3
"""Writes a registrant import workbook for benchmarks: N rows in the template's columns (sheet 备案人).

Usage: ops/bench/registrant-import-file.py OUT.xlsx [ROWS=50000] [DEPARTMENTS=20]

Rows are valid except every 1000th, whose phone is malformed (so the run also exercises problem reporting).
Departments are named 基准学院1..N; the benchmark creates them in the school before importing.
Uses openpyxl's write-only mode (streams rows; Debian package python3-openpyxl).
"""
import sys

from openpyxl import Workbook

out = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 50000
departments = int(sys.argv[3]) if len(sys.argv) > 3 else 20
identities = ["学生", "学生", "学生", "教师", "第三方服务人员", "居民"]

book = Workbook(write_only=True)
sheet = book.create_sheet("备案人")
sheet.append(["姓名", "身份", "身份类型", "学号/工号", "手机号", "身份证后六位", "部门/单位", "被分管部门"])
for i in range(rows):
    phone = "12345" if i % 1000 == 999 else "137%08d" % i
    sheet.append([
        "基准%06d" % i,
        identities[i % len(identities)],
        "",
        "B%07d" % i,
        phone,
        "%05d%s" % (i % 100000, "X" if i % 11 == 0 else str(i % 10)),
        "基准学院%d" % (i % departments + 1),
        "基准学院%d" % ((i + 1) % departments + 1) if i % 3 == 0 else "",
    ])
book.save(out)
print("wrote %s: %d rows, %d malformed" % (out, rows, rows // 1000))
