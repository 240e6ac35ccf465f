// catalogue: subjects and the weekly plan after the federal basic plan, topics from common textbooks.
#include "demo/catalogue.hpp"

#include <array>

namespace classbook::demo {
namespace {

enum Subject : std::size_t {
  russian, literature, maths, algebra, geometry, informatics, physics, chemistry, biology,
  geography, history, social, english, world, pe, music, art, technology, safety, subject_count
};

// Hours a week in grades 1..11; grades 10–11 here are the universal profile.
constexpr std::array<std::array<int, 11>, subject_count> hours = {{
    /* Русский язык   */ {5, 5, 5, 5, 6, 6, 4, 3, 3, 3, 3},
    /* Литература     */ {4, 4, 4, 4, 3, 3, 2, 2, 3, 3, 3},
    /* Математика     */ {4, 4, 4, 4, 5, 5, 0, 0, 0, 0, 0},
    /* Алгебра        */ {0, 0, 0, 0, 0, 0, 3, 3, 3, 4, 4},
    /* Геометрия      */ {0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2},
    /* Информатика    */ {0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2},
    /* Физика         */ {0, 0, 0, 0, 0, 0, 2, 2, 3, 3, 3},
    /* Химия          */ {0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 2},
    /* Биология       */ {0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2},
    /* География      */ {0, 0, 0, 0, 1, 1, 2, 2, 2, 1, 1},
    /* История        */ {0, 0, 0, 0, 2, 2, 2, 2, 3, 3, 3},
    /* Обществознание */ {0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2},
    /* Английский     */ {0, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3},
    /* Окружающий мир */ {2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0},
    /* Физкультура    */ {3, 3, 3, 2, 3, 3, 3, 3, 3, 3, 3},
    /* Музыка         */ {1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0},
    /* ИЗО            */ {1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0},
    /* Технология     */ {1, 1, 1, 1, 2, 2, 2, 1, 0, 0, 0},
    /* ОБЖ            */ {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1},
}};
// Grades 10–11 of the two specialised profiles, 34 hours like the universal one.
constexpr std::array<int, subject_count> physmath = {2, 3, 0, 5, 3, 4, 5, 1, 1, 1, 2, 1, 3, 0, 2, 0, 0, 0, 1};
constexpr std::array<int, subject_count> humanities = {3, 5, 0, 3, 2, 1, 2, 1, 1, 1, 4, 3, 5, 0, 2, 0, 0, 0, 1};

const std::vector<std::string_view>& topics_of(std::size_t s, int grade) {
  static const std::vector<std::string_view> none{"Урок"};
  static const std::array<std::vector<std::string_view>, subject_count> secondary = {{
      {"Повторение изученного", "Фонетика и орфоэпия", "Морфемика", "Словообразование", "Имя существительное",
       "Имя прилагательное", "Глагол", "Причастие", "Деепричастие", "Наречие", "Словосочетание",
       "Простое предложение", "Сложное предложение", "Прямая речь"},
      {"Устное народное творчество", "Древнерусская литература", "А. С. Пушкин. Лирика", "М. Ю. Лермонтов",
       "Н. В. Гоголь", "И. С. Тургенев", "Н. А. Некрасов", "Л. Н. Толстой", "А. П. Чехов",
       "Поэзия Серебряного века", "М. А. Булгаков", "Литература Великой Отечественной войны"},
      {"Натуральные числа", "Делимость чисел", "Обыкновенные дроби", "Сложение и вычитание дробей",
       "Умножение и деление дробей", "Десятичные дроби", "Проценты", "Отношения и пропорции",
       "Положительные и отрицательные числа", "Координатная плоскость", "Уравнения", "Площадь и объём"},
      {"Выражения и их преобразования", "Линейные уравнения", "Линейная функция", "Степень с натуральным показателем",
       "Многочлены", "Формулы сокращённого умножения", "Системы уравнений", "Квадратные корни",
       "Квадратные уравнения", "Неравенства", "Арифметическая прогрессия", "Тригонометрические функции",
       "Производная", "Логарифмы"},
      {"Начальные геометрические сведения", "Треугольники", "Параллельные прямые", "Признаки равенства треугольников",
       "Четырёхугольники", "Площадь", "Теорема Пифагора", "Подобные треугольники", "Окружность", "Векторы",
       "Метод координат", "Многогранники"},
      {"Информация и информационные процессы", "Системы счисления", "Логика", "Алгоритмы", "Ветвления", "Циклы",
       "Массивы", "Электронные таблицы", "Базы данных", "Компьютерные сети", "Моделирование"},
      {"Физические величины и их измерение", "Механическое движение", "Плотность вещества", "Силы в природе",
       "Давление", "Работа и мощность", "Тепловые явления", "Электрический ток", "Закон Ома",
       "Магнитное поле", "Световые явления", "Законы Ньютона", "Колебания и волны"},
      {"Предмет химии", "Атомы и молекулы", "Периодическая система", "Химическая связь", "Валентность",
       "Химические реакции", "Оксиды", "Кислоты", "Основания", "Соли", "Растворы", "Окислительно-восстановительные реакции"},
      {"Клетка", "Ткани", "Бактерии", "Грибы", "Растения", "Животные", "Эволюция", "Экосистемы",
       "Строение человека", "Нервная система", "Генетика", "Обмен веществ"},
      {"Земля во Вселенной", "План и карта", "Литосфера", "Гидросфера", "Атмосфера", "Биосфера",
       "Природные зоны", "Материки и океаны", "Население мира", "География России", "Хозяйство России"},
      {"Древний Египет", "Древняя Греция", "Древний Рим", "Русь в IX–XII веках", "Раздробленность Руси",
       "Московское государство", "Смутное время", "Петровские преобразования", "Россия в XVIII веке",
       "Отечественная война 1812 года", "Великие реформы", "Россия в начале XX века", "Великая Отечественная война"},
      {"Человек и общество", "Личность", "Семья", "Экономика", "Рынок и деньги", "Право", "Конституция РФ",
       "Государство", "Политика", "Социальная сфера", "Духовная культура"},
      {"Revision", "My family", "School life", "Hobbies", "Food and health", "Travelling", "The weather",
       "Present Perfect", "Past Simple", "Future forms", "Modal verbs", "Passive voice", "Reported speech"},
      {"Урок"},
      {"Лёгкая атлетика: бег на короткие дистанции", "Прыжок в длину", "Метание мяча", "Баскетбол: ведение мяча",
       "Волейбол: передача мяча", "Гимнастика", "Кросс", "Подвижные игры", "Сдача нормативов ГТО"},
      {"Музыка и литература", "Песня", "Русские композиторы", "Опера", "Балет", "Симфония", "Музыка народов мира",
       "Музыкальный театр"},
      {"Цвет и форма", "Натюрморт", "Пейзаж", "Портрет", "Народные промыслы", "Орнамент", "Дизайн и архитектура"},
      {"Технология обработки материалов", "Бумага и картон", "Ткани и нитки", "Древесина", "Проект",
       "Кулинария", "Электротехника", "Робототехника"},
      {"Опасные ситуации дома", "Пожарная безопасность", "Безопасность на дорогах", "Первая помощь",
       "Чрезвычайные ситуации", "Здоровый образ жизни", "Основы военной службы"},
  }};
  static const std::vector<std::string_view> primary_russian = {
      "Звуки и буквы", "Гласные и согласные", "Слог и ударение", "Перенос слов", "Заглавная буква в именах",
      "Состав слова", "Корень слова", "Безударные гласные", "Парные согласные", "Части речи",
      "Имя существительное", "Глагол", "Предложение"};
  static const std::vector<std::string_view> primary_reading = {
      "Русские народные сказки", "Загадки и пословицы", "А. С. Пушкин. Сказки", "Л. Н. Толстой. Рассказы",
      "Стихи о природе", "Басни И. А. Крылова", "Рассказы о животных", "Н. Н. Носов", "Сказки народов мира"};
  static const std::vector<std::string_view> primary_maths = {
      "Числа от 1 до 10", "Сложение и вычитание", "Числа от 11 до 20", "Единицы длины", "Таблица умножения",
      "Деление", "Задачи в два действия", "Периметр", "Числа до 1000", "Письменное умножение", "Время"};
  static const std::vector<std::string_view> world_topics = {
      "Что нас окружает", "Живая и неживая природа", "Растения", "Животные", "Времена года", "Наш город",
      "Безопасность на дороге", "Человек и его здоровье", "Наша страна", "Вода и воздух"};
  static const std::vector<std::string_view> primary_english = {
      "Hello!", "The alphabet", "My family", "Colours", "Numbers 1–20", "My toys", "Animals", "My school",
      "Food", "My day"};
  if (s >= subject_count) return none;
  if (grade <= 4) {
    if (s == russian) return primary_russian;
    if (s == literature) return primary_reading;
    if (s == maths) return primary_maths;
    if (s == english) return primary_english;
  }
  if (s == world) return world_topics;
  return secondary[s];
}

bool has_paragraphs(std::size_t s) {
  return s != pe && s != music && s != art && s != technology && s != english;
}

}  // namespace

const std::vector<SubjectInfo>& subjects() {
  static const std::vector<SubjectInfo> list = {
      {"Русский язык", "Рус. яз.", 450, 0.8},     {"Литература", "Лит.", 550, 0.7},
      {"Математика", "Матем.", 400, 0.85},        {"Алгебра", "Алг.", 350, 0.85},
      {"Геометрия", "Геом.", 380, 0.7},           {"Информатика", "Информ.", 320, 0.4},
      {"Физика", "Физ.", 420, 0.75},              {"Химия", "Хим.", 380, 0.75},
      {"Биология", "Биол.", 400, 0.65},           {"География", "Геогр.", 420, 0.6},
      {"История", "Ист.", 480, 0.7},              {"Обществознание", "Общ.", 350, 0.6},
      {"Английский язык", "Англ. яз.", 380, 0.75}, {"Окружающий мир", "Окр. мир", 300, 0.5},
      {"Физическая культура", "Физ-ра", 0, 0.0},  {"Музыка", "Муз.", 150, 0.05},
      {"ИЗО", "ИЗО", 150, 0.15},                  {"Технология", "Техн.", 200, 0.1},
      {"ОБЖ", "ОБЖ", 250, 0.4},
  };
  return list;
}

std::vector<CurriculumLine> curriculum(int grade, std::string_view profile) {
  std::vector<CurriculumLine> out;
  if (grade < 1 || grade > 11) return out;
  for (std::size_t s = 0; s < subject_count; ++s) {
    int h = hours[s][static_cast<std::size_t>(grade - 1)];
    if (grade >= 10 && profile == profiles[0]) h = physmath[s];
    if (grade >= 10 && profile == profiles[1]) h = humanities[s];
    if (h > 0) out.push_back({s, h});
  }
  return out;
}

std::string_view speciality(std::size_t s, int grade) {
  if (grade <= 4 && (s == russian || s == literature || s == maths || s == world || s == art || s == technology))
    return "primary";
  switch (s) {
    case russian: case literature: return "русский язык и литература";
    case maths: case algebra: case geometry: return "математика";
    case history: case social: return "история и обществознание";
    default: return subjects()[s].name;
  }
}

bool taught_in_gym(std::string_view spec) { return spec == subjects()[pe].name; }

bool has_tests(std::size_t s) { return s != music && s != art && s != technology; }

std::string lesson_topic(std::size_t s, int grade, int n) {
  const auto& list = topics_of(s, grade);
  const auto topic = list[static_cast<std::size_t>(n / 2) % list.size()];
  if (!has_paragraphs(s)) return std::string(topic);
  return "§" + std::to_string(n / 2 + 1) + ". " + std::string(topic);
}

std::string test_topic(std::size_t s, int grade, int n) {
  const auto& list = topics_of(s, grade);
  const auto topic = list[static_cast<std::size_t>(n / 2) % list.size()];
  if (s == pe) return "Зачёт: " + std::string(topic);
  return "Контрольная работа «" + std::string(topic) + "»";
}

std::string homework_text(std::size_t s, int grade, int n, DemoRng& rng) {
  const std::string par = std::to_string(n / 2 + 1);
  const int page = 10 + n * 3 + rng.between(0, 2);
  switch (s) {
    case russian:
      return grade <= 4 ? "Упр. " + std::to_string(rng.between(10, 250)) + ", с. " + std::to_string(page)
                        : "§" + par + ", упр. " + std::to_string(rng.between(20, 400));
    case maths: case algebra: case geometry: {
      const int a = rng.between(1, 900);
      return (grade <= 4 ? "С. " + std::to_string(page) + ", № " : "§" + par + ", № ") + std::to_string(a) +
             ", " + std::to_string(a + rng.between(1, 4));
    }
    case literature:
      return grade <= 4 ? "Выразительное чтение, с. " + std::to_string(page)
                        : rng.chance(0.3) ? "Выучить наизусть отрывок, с. " + std::to_string(page)
                                          : "Прочитать с. " + std::to_string(page) + "–" + std::to_string(page + 20) +
                                                ", ответить на вопросы";
    case english:
      return "Выучить слова, с. " + std::to_string(page) + "; упр. " + std::to_string(rng.between(1, 9)) + " (WB)";
    case informatics: return "§" + par + ", задание " + std::to_string(rng.between(1, 8)) + " в тетради";
    case world: return "С. " + std::to_string(page) + "–" + std::to_string(page + 3) + ", рабочая тетрадь";
    case art: case music: case technology: return "Принести материалы к следующему уроку";
    case pe: return "Спортивная форма";
    default:
      return "§" + par + ", вопросы 1–" + std::to_string(rng.between(3, 6)) + " после параграфа";
  }
}

std::string_view mark_comment(int value, DemoRng& rng) {
  static constexpr std::string_view good[] = {"Отличный ответ!", "Молодец", "Аккуратная работа", "Хорошо подготовился"};
  static constexpr std::string_view fair[] = {"Есть недочёты в оформлении", "Не хватает примеров",
                                              "Невнимательно, проверяй вычисления"};
  static constexpr std::string_view poor[] = {"Не выучено правило", "Много ошибок, повторить параграф",
                                              "Не готов к уроку", "Работа сдана не вовремя"};
  if (value >= 5) return rng.pick(good);
  if (value >= 3) return rng.pick(fair);
  return rng.pick(poor);
}

}  // namespace classbook::demo
