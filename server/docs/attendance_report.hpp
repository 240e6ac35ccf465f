// attendance_report: the class teacher's report of who missed what in a period — lessons missed
// and excused, whole days away, lateness, and the days themselves — with the class's totals. Its
// content comes as text and counts already worked out by app/ from the register; this file lays it out.
#pragma once

#include <string>
#include <vector>

#include "classbook/common/result.hpp"

namespace classbook::docs {

struct AttendanceRow {
  std::string pupil;            // "Иванова Мария"
  int lessons_missed = 0;       // lessons marked absent ("н" + "уп")
  int lessons_excused = 0;      // of them excused ("уп")
  int days_absent = 0;          // school days with every lesson missed
  int late_count = 0;           // lessons late
  int late_minutes = 0;         // minutes late in total
  std::string dates;            // "02.12 н(3), 03.12 уп(6)" — per day what was missed, "" none
};

struct AttendanceReport {
  std::string school, class_name, class_teacher;  // class_teacher "Петрова А. С." or ""
  std::string period;   // "01.12.2026 — 07.12.2026"
  std::string made_at;  // "07.12.2026 03:20 (МСК)"
  int school_days = 0;  // school days in the period
  int lessons = 0;      // lessons held in the period
  std::vector<AttendanceRow> rows;  // in register order
};

// The report as a PDF (A4 upright, DejaVu embedded), ending with the class's total row.
Result<std::string> attendance_report_pdf(const AttendanceReport& r);

}  // namespace classbook::docs
