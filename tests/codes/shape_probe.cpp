// shape_probe: one make_error with the code given as -DPROBE_CODE, compiled by check_code_shape.py.
#include "classbook/common/result.hpp"

classbook::Error probe() { return classbook::make_error(classbook::Errc::invalid_input, PROBE_CODE, "probe"); }
