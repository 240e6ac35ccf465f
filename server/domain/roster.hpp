// roster: the office's pure rules — class names, people's names, logins from names, contacts, CSV files.
// One include for all of them; each part lives in its own file.
#pragma once

#include "checked.hpp"
#include "csv.hpp"
#include "login_names.hpp"
#include "roster_contacts.hpp"
#include "roster_import.hpp"
#include "roster_names.hpp"
