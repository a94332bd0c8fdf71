import type { Messages } from './en.js';

const plural = new Intl.PluralRules('ru');
const YEAR_FORMS: Record<Intl.LDMLPluralRule, string> = {
  zero: 'лет',
  one: 'год',
  two: 'года',
  few: 'года',
  many: 'лет',
  other: 'года',
};

const DAY_FORMS: Record<Intl.LDMLPluralRule, string> = {
  zero: 'дней',
  one: 'день',
  two: 'дня',
  few: 'дня',
  many: 'дней',
  other: 'дня',
};

/**
 * Russian. Permission names are Discord's own in its Russian client, in «». Where a number or a name would
 * need a case ending the text is built so it does not («женщин — 106», «Источник: …»): the values come in
 * already formatted, and the source's names stay in English.
 */
export const ru: Messages = {
  intlLocale: 'ru',
  // The ordinal agrees with «годовщина»: 34-я годовщина.
  ordinal: (n: number) => `${n}-я`,
  years: (n: number) => `${n} ${YEAR_FORMS[plural.select(n)]}`,
  yearsAgo: (p: { years: string }) => `${p.years} назад`,
  km2: (p: { value: string }) => `${p.value} км²`,

  sourceLabel: 'Источник',
  sourcesLabel: 'Источники',
  quoteLabel: 'Как сказано в источнике',
  accordingTo: (p: { citation: string }) => `По данным источника: ${p.citation}.`,
  areasNote: 'Площадь дана для района целиком; территории пересекаются, поэтому площади не складываются.',

  placeDateLabel: 'Дата оккупации',
  placeDateValue: (p: { date: string; ago: string }) => `${p.date} — ${p.ago}`,
  placePeriodValue: (p: { from: number; to: number }) => `${p.from}–${p.to} гг.: период, а не один день`,
  territoryLabel: 'Площадь',
  foundBy: (p: { name: string }) => `Найдено по названию «${p.name}».`,

  massacreTitle: (p: { name: string; night: string }) => `${p.name} — ночь ${p.night}`,
  khojalyAttribution: (p: { citation: string }) =>
    `Название и цифры — по данным источника: ${p.citation}. Другие организации приводят иные данные.`,
  killedLabel: 'Убито мирных жителей',
  killedValue: (p: { killed: string; women: string; children: string; elderly: string }) =>
    `${p.killed}, из них женщин — ${p.women}, детей — ${p.children}, пожилых людей — ${p.elderly}`,
  woundedLabel: 'Ранено',
  hostagesLabel: 'Взято в заложники',
  missingLabel: 'Числятся пропавшими без вести',
  rememberedOn: (p: { date: string }) => `День памяти — ${p.date}.`,

  timelineTitle: 'Хронология',
  timelineKilled: (p: { value: string }) => `убито мирных жителей: ${p.value}`,
  timelinePeriod: (p: { from: number; to: number }) => `${p.from}–${p.to} гг.`,
  timelineFooter: 'Даты и площади — как в источниках; территории пересекаются, и площади не складываются.',

  timelinePictureTitle: (p: { from: number; to: number }) => `Хронология, ${p.from}–${p.to}`,
  timelinePictureAlt: (p: { from: number; to: number }) =>
    `Ось времени с ${p.from} по ${p.to} год: каждая дата из списка выше, с местом и цифрой.`,

  calendarTitle: 'Годовщины для вашего календаря',
  calendarBody: (p: { count: number }) =>
    `Ежегодные события на весь день (${p.count}), каждое с цифрами и источником. Откройте приложенный файл или импортируйте его: Google Calendar (Settings → Import), Apple Calendar (File → Import), Outlook (Add calendar → Upload from file).`,
  calendarPeriodNote: (p: { names: string }) =>
    `${p.names}: период, а не один день, поэтому ежегодного события нет.`,
  calendarName: 'Памятные даты',
  calendarOccupationSummary: (p: { name: string; year: number }) =>
    `${p.name}: годовщина оккупации (${p.year})`,
  calendarMassacreSummary: (p: { name: string; year: number }) => `${p.name}: годовщина резни (${p.year})`,
  calendarOccupationDate: (p: { date: string }) => `Дата оккупации: ${p.date} (по данным источника).`,
  calendarMassacreNight: (p: { night: string }) => `Ночь ${p.night}.`,
  calendarOwnDates: (p: { count: number }) =>
    `Также в файле — собственные даты этого сервера (${p.count}), каждая с пометкой, что её добавили администраторы сервера, и с указанным ими источником.`,
  calendarOwnSummary: (p: { name: string; year: number }) =>
    `${p.name} (${p.year}) — добавлено администраторами этого сервера`,
  calendarTurnedOff: (p: { count: number }) =>
    `Не включены дни, выключенные на этом сервере через /config event (${p.count}).`,

  upcomingTitle: 'Ближайшие годовщины',
  upcomingNone: 'На этом сервере выключены все дни памяти (/config event).',
  upcomingTurnedOff: (p: { count: number }) =>
    `Не показаны дни, выключенные на этом сервере через /config event (${p.count}).`,
  upcomingLine: (p: { name: string; ordinal: string; when: string; relative: string }) =>
    `**${p.name}** — ${p.ordinal} годовщина: ${p.when} (${p.relative})`,
  upcomingWhen: (p: { date: string; time: string; zone: string }) => `${p.date}, ${p.time} (${p.zone})`,

  sourceSupports: 'Что подтверждает',
  sourceCite: (p: { citation: string }) => `Как ссылаться: ${p.citation}`,

  unknownPlace: (p: { query: string; suggestions: string }) =>
    `Места с названием «${p.query}» в данных нет. Может быть, это ${p.suggestions}? Выберите название из списка при вводе.`,
  unknownPlaceNoSuggestion: (p: { query: string }) =>
    `Места с названием «${p.query}» в данных нет. Выберите название из списка при вводе или откройте /timeline.`,
  or: 'или',

  noticeOccupationTitle: (p: { name: string; ordinal: string }) =>
    `${p.name}: ${p.ordinal} годовщина оккупации`,
  noticeOccupationBody: (p: { date: string; years: string }) =>
    `Дата оккупации по источнику — ${p.date}, ${p.years} назад. Мы помним.`,
  noticeMassacreTitle: (p: { name: string; ordinal: string }) => `${p.name}: ${p.ordinal} годовщина`,
  nameAndFiguresAccordingTo: (p: { citation: string }) =>
    `Название и цифры — по данным источника: ${p.citation}.`,
  noticeMassacreBody: (p: { night: string; years: string }) =>
    `Ночь ${p.night} — ${p.years} назад. Мы помним жителей Ходжалы.`,
  noticePreviewLabel:
    '**Пробное уведомление** — так уведомления будут выглядеть здесь; это не публикация к годовщине.',
  noticePreviewFooter: 'Пробное уведомление',
  noticeFooter: (p: { date: string }) => `День памяти: ${p.date}`,
  days: (n: number) => `${n} ${DAY_FORMS[plural.select(n)]}`,
  // «До годовщины осталось 3 дня»: the count stays in the nominative/genitive forms the plural rules give.
  reminderLabel: (p: { days: string }) => `**Напоминание:** до этой годовщины осталось ${p.days}.`,

  configTitle: 'Уведомления о годовщинах на этом сервере',
  configChannel: 'Канал',
  configZone: 'Часовой пояс',
  configTime: 'Местное время',
  configReminder: 'Напоминание',
  configReminderOff: 'нет',
  configReminderValue: (p: { days: string }) => `за ${p.days}`,
  reminderOf: (p: { name: string }) => `Напоминание: ${p.name}`,
  reminderAhead: (p: { name: string; days: string }) => `Напоминание: ${p.name} через ${p.days}`,
  updatedReminder: (p: { days: string }) =>
    `Напоминание будет публиковаться за ${p.days} до каждой годовщины, в то же время и в том же канале.`,
  updatedReminderOff: 'Напоминаний больше не будет; сами годовщины по-прежнему публикуются.',
  configRole: 'Упоминание',
  configLanguage: 'Язык',
  configStatus: 'Состояние',
  configEvents: 'Годовщины',
  configNext: 'Ближайшие публикации',
  configProblems: 'Требует внимания',
  configTrouble: 'Недавние годовщины без публикации',
  configNotSet: 'не выбран',
  configNobody: 'нет',
  configActive: 'работает',
  configPausedBy: (p: { why: string }) => `приостановлено — ${p.why}`,
  configNoNext: 'нет: уведомления приостановлены или канал не выбран',
  configEventOn: 'включена',
  configEventOff: 'выключена',
  configNextLine: (p: { name: string; at: string; relative: string }) =>
    `${p.name} · ${p.at} (${p.relative})`,
  troubleMissed: (p: { name: string; year: number }) =>
    `${p.name}, ${p.year}: пропущено — в тот день бот не работал`,
  troubleFailed: (p: { name: string; year: number; reason: string }) =>
    `${p.name}, ${p.year}: не удалось — ${p.reason}`,
  publishPending: (p: { name: string; year: number; reason: string; at: string }) =>
    `${p.name} ${p.year}: опубликовано в канале, но ещё не разослано подписанным серверам — ${p.reason}; следующая попытка ${p.at}`,
  publishFailed: (p: { name: string; year: number; reason: string }) =>
    `${p.name} ${p.year}: опубликовано в канале, но не разослано подписанным серверам — ${p.reason}`,
  publishRateLimited: 'достигнут лимит Discord: 10 публикаций в час в этом канале',
  publishNeedsPermission:
    'боту нужно право «Отправлять сообщения» в канале объявлений, чтобы разослать уведомление',
  publishDayEnded: 'день годовщины закончился раньше, чем удалось разослать уведомление',
  troubleUncertain: (p: { name: string; year: number }) =>
    `${p.name}, ${p.year}: неизвестно — исход попытки неизвестен, а прочитать историю канала бот не может, поэтому повторно не публиковал; проверьте канал и дайте боту там право «Читать историю сообщений»`,
  troubleDiscordError: (p: { detail: string }) => `Discord ответил «${p.detail}»`,
  troubleDayEnded: 'день закончился раньше, чем Discord принял публикацию',

  pauseReasonAdmin: 'по решению администратора; чтобы возобновить, используйте /config resume',
  pauseReasonChannelDeleted: 'канал удалён; выберите другой через /config channel',
  pauseReasonMissingAccess:
    'бот не видит канал (Missing Access); дайте ему там право «Просматривать канал» и снова выполните /config channel',
  pauseReasonMissingPermissions: (p: { detail: string }) =>
    `боту не хватает прав в канале (${p.detail}); выдайте их и снова выполните /config channel`,
  pauseReasonUnknownChannel: 'Discord больше не знает этот канал; выберите другой через /config channel',
  problemNoChannel: 'Канал не выбран: выберите его через /config channel.',
  problemChannelMissing: 'Канала больше нет или бот его не видит: выберите другой через /config channel.',
  problemPermissions: (p: { permissions: string }) =>
    `Боту не хватает прав в канале: ${p.permissions}. Выдайте их там или выберите другой канал.`,
  problemAllOff: 'Все годовщины выключены: включите хотя бы одну через /config event.',
  problemPaused: (p: { why: string }) => `Уведомления приостановлены: ${p.why}.`,

  updatedChannel: (p: { channel: string }) => `Уведомления будут публиковаться в ${p.channel}.`,
  updatedZone: (p: { zone: string }) => `Часовой пояс: ${p.zone}.`,
  updatedTime: (p: { time: string }) => `Уведомления будут публиковаться в ${p.time} по местному времени.`,
  updatedRole: (p: { role: string }) => `Уведомления будут упоминать ${p.role}.`,
  updatedRoleCleared: 'Уведомления не будут никого упоминать.',
  updatedEventOn: (p: { name: string }) => `${p.name}: уведомление будет публиковаться.`,
  updatedEventOff: (p: { name: string }) => `${p.name}: уведомление публиковаться не будет.`,
  updatedLanguage: 'Уведомления на этом сервере будут на русском языке.',
  updatedPause: 'Уведомления приостановлены. Чтобы возобновить их, используйте /config resume.',
  updatedResume: 'Уведомления возобновлены.',
  updatedNext: (p: { name: string; at: string; relative: string }) =>
    `Следующая публикация: ${p.name} — ${p.at} (${p.relative}).`,
  updatedNoNext: 'Публикаций не будет, пока не решены проблемы ниже.',

  testPosted: (p: { channel: string; name: string }) =>
    `В ${p.channel} опубликовано пробное уведомление с пометкой: ${p.name}. Оно не заменяет публикацию к годовщине.`,
  testFailed: (p: { channel: string; why: string }) =>
    `Не удалось опубликовать пробное уведомление в ${p.channel}: ${p.why}`,
  testRefused: (p: { permissions: string }) =>
    `Discord отказал: боту нужны права ${p.permissions} в этом канале. Выдайте их в настройках прав канала и снова выполните /config test. Уведомления не приостановлены.`,
  testSendFailed: (p: { detail: string }) => `Ответ Discord: ${p.detail}. Попробуйте ещё раз через минуту.`,

  errorZone: (p: { value: string }) =>
    `«${p.value}» — не часовой пояс. Укажите название IANA, например Asia/Baku или Europe/Berlin (выберите из списка при вводе). Ничего не изменено.`,
  errorTime: (p: { value: string }) =>
    `«${p.value}» — не время. Укажите время в 24-часовом формате, например 9, 9:00, 09:00 или 21:30. Ничего не изменено.`,
  errorChannelType:
    'Уведомления можно публиковать только в текстовом канале или канале объявлений. Выберите такой канал. Ничего не изменено.',
  errorChannelUnknown:
    'Бот не видит этот канал. Выберите текстовый канал или канал объявлений, доступный боту. Ничего не изменено.',
  errorChannelPermissions: (p: { channel: string; permissions: string }) =>
    `Боту не хватает прав в ${p.channel}: ${p.permissions}. Выдайте их там и попробуйте снова. Ничего не изменено.`,
  errorRoleUnknown: 'Бот не нашёл эту роль. Выберите другую. Ничего не изменено.',
  errorRoleManaged:
    'Эта роль принадлежит боту или интеграции, её нельзя упоминать в уведомлениях. Выберите другую. Ничего не изменено.',
  errorRoleNotMentionable:
    'Бот не может упомянуть эту роль: разрешите её упоминание в «Настройки сервера → Роли» или дайте боту право «Упоминать @everyone, @here и все роли» в канале уведомлений. Ничего не изменено.',
  errorEveryoneNotAllowed:
    'Чтобы упоминать @everyone, боту нужно право «Упоминать @everyone, @here и все роли» в канале уведомлений; выдайте его и попробуйте снова. Ничего не изменено.',
  errorUnknownEvent: (p: { value: string }) =>
    `«${p.value}» — не годовщина, которую публикует бот. Выберите годовщину из списка при вводе. Ничего не изменено.`,
  errorLanguage: 'Выберите из списка English, Azərbaycanca, Русский или Türkçe. Ничего не изменено.',
  errorNoChannel: 'Канал ещё не выбран. Сначала выберите его через /config channel.',
  errorNotPaused: 'Уведомления не приостановлены — возобновлять нечего.',
  errorOptions:
    'Параметры не совпадают с ожидаемыми (Discord может ещё показывать старую версию команды). Попробуйте через минуту. Ничего не изменено.',
  errorAlreadyPaused: 'Уведомления уже приостановлены. Чтобы возобновить их, используйте /config resume.',

  historyTitle: 'Изменения этих настроек',
  historyEmpty: 'Изменений пока нет. Здесь появляются изменения, сделанные через /config, — сначала новые.',
  historyLine: (p: { when: string; who: string; what: string }) => `${p.when} · ${p.who} · ${p.what}`,
  historyChange: (p: { label: string; from: string; to: string }) => `${p.label}: ${p.from} → ${p.to}`,
  historyPaused: 'приостановлены',
  historyPausedByDiscord: 'приостановлены (Discord отклонял публикации)',
  configEventsTab: 'Вкладка «Мероприятия»',
  problemEventsPermission:
    'Вкладка «Мероприятия» включена, но бот не может создавать мероприятия: выдайте ему право «Создавать мероприятия» (Настройки сервера → Роли) или выключите вкладку командой /config events enabled:False.',
  updatedEventsTabOn:
    'Ближайшие годовщины появятся во вкладке «Мероприятия» сервера, каждая за 14 дней, в течение нескольких минут.',
  updatedEventsTabOff: 'Мероприятия бота с годовщинами удаляются из вкладки «Мероприятия».',
  problemEventsLimit:
    'Вкладка «Мероприятия» заполнена: Discord разрешает 100 запланированных мероприятий на сервер. Завершите или удалите некоторые, и бот добавит годовщины в течение пяти минут.',
  problemEventsRefused:
    'Discord отклонил мероприятие с годовщиной для вкладки «Мероприятия»; бот пробует снова каждые пять минут. Если это не проходит, выключите и включите вкладку командой /config events.',
  errorEventsPermission:
    'Чтобы показывать годовщины во вкладке «Мероприятия», боту нужно право «Создавать мероприятия» (или «Управлять мероприятиями») на этом сервере: выдайте его в Настройках сервера → Роли и попробуйте снова. Ничего не изменено.',
  historyPrevious: 'Назад',
  historyNext: 'Далее',
  historyFooter: (p: { page: number; pages: number; total: number }) =>
    `Страница ${p.page} из ${p.pages} · хранится изменений: ${p.total} (год, не более 500)`,

  permissionViewChannel: '«Просматривать канал»',
  permissionSendMessages: '«Отправлять сообщения»',
  permissionReadMessageHistory: '«Читать историю сообщений»',
  permissionEmbedLinks: '«Встраивать ссылки»',
  permissionAttachFiles: '«Прикреплять файлы»',
  permissionCreateEvents: '«Создавать мероприятия»',

  errorGuildOnly: 'Эта команда работает только на сервере. Ничего не изменено.',
  errorManageGuild:
    'Менять настройки бота могут только участники с правом «Управлять сервером». Ничего не изменено.',
  errorUnknownCommand: (p: { name: string }) =>
    `Эта версия бота не знает команду /${p.name}. Ничего не изменено; попробуйте через минуту.`,
  errorCount: (p: { min: number; max: number }) =>
    `Укажите число от ${p.min} до ${p.max}. Ничего не изменено.`,
  errorStoreUnavailable:
    'Настройки временно недоступны: бот не может подключиться к своей базе данных. Ничего не изменено; попробуйте ещё раз через несколько минут.',
  errorInternal: (p: { id: string }) =>
    `У нас что-то пошло не так, ничего не изменено. Если будете сообщать об ошибке, укажите этот ID: ${p.id}.`,
};
