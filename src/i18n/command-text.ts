/**
 * Descriptions of the slash commands and their options, per language. Names stay English (they are typed);
 * descriptions are shown by Discord in the member's client language.
 */
export const commandText = {
  district: {
    en: 'Date of occupation and territory of a district, with the source',
    ru: 'Дата оккупации и площадь района, с источником',
    tr: 'Bir bölgenin işgal tarihi ve yüzölçümü, kaynağıyla',
  },
  'district.name': {
    en: 'District or place name, in any spelling (Fuzuli, Füzuli, Физули)',
    ru: 'Название района или места в любом написании (Fuzuli, Füzuli, Физули)',
    tr: 'Bölge ya da yer adı, herhangi bir yazımla (Fuzuli, Füzuli, Физули)',
  },
  khojaly: {
    en: 'Khojaly, the night of 25–26 February 1992: its name, figures and source',
    ru: 'Ходжалы, ночь 25–26 февраля 1992 года: название, цифры и источник',
    tr: 'Hocalı, 25–26 Şubat 1992 gecesi: adı, rakamları ve kaynağı',
  },
  timeline: {
    en: 'Every date in order, each with its figure and source',
    ru: 'Все даты по порядку, каждая с цифрой и источником',
    tr: 'Tüm tarihler sırayla, her biri rakamı ve kaynağıyla',
  },
  calendar: {
    en: 'Every anniversary as a calendar file (.ics) for Google, Apple or Outlook',
    ru: 'Все годовщины файлом календаря (.ics) для Google, Apple или Outlook',
    tr: 'Tüm yıl dönümleri, Google, Apple ya da Outlook için takvim dosyası (.ics)',
  },
  upcoming: {
    en: 'The next anniversaries',
    ru: 'Ближайшие годовщины',
    tr: 'Yaklaşan yıl dönümleri',
  },
  'upcoming.count': {
    en: 'How many to show (1–25, default 5)',
    ru: 'Сколько показать (1–25, по умолчанию 5)',
    tr: 'Kaç tane gösterilsin (1–25, varsayılan 5)',
  },
  sources: {
    en: 'Where every figure comes from, with links',
    ru: 'Откуда взята каждая цифра, со ссылками',
    tr: 'Her rakamın kaynağı, bağlantılarıyla',
  },
  config: {
    en: 'Where and when this server gets anniversary notices (Manage Server)',
    ru: 'Куда и когда сервер получает уведомления о годовщинах (управление сервером)',
    tr: 'Bu sunucunun yıl dönümü bildirimlerinin yeri ve zamanı (Sunucuyu Yönet)',
  },
  'config.show': {
    en: 'Show the settings, the next posts and any problem',
    ru: 'Показать настройки, ближайшие публикации и проблемы',
    tr: 'Ayarları, sonraki gönderileri ve sorunları göster',
  },
  'config.channel': {
    en: 'Set the channel notices are posted in',
    ru: 'Выбрать канал для уведомлений',
    tr: 'Bildirimlerin gönderileceği kanalı seç',
  },
  'config.channel.channel': {
    en: 'A text or announcement channel the bot can post in',
    ru: 'Текстовый канал или канал объявлений, где бот может писать',
    tr: 'Botun yazabildiği bir metin ya da duyuru kanalı',
  },
  'config.timezone': {
    en: 'Set the time zone notices follow (default Asia/Baku)',
    ru: 'Выбрать часовой пояс (по умолчанию Asia/Baku)',
    tr: 'Saat dilimini seç (varsayılan Asia/Baku)',
  },
  'config.timezone.zone': {
    en: 'An IANA time zone such as Asia/Baku, or a city such as Baku',
    ru: 'Часовой пояс IANA, например Asia/Baku, или город, например Baku',
    tr: 'Asia/Baku gibi bir IANA saat dilimi ya da Baku gibi bir şehir',
  },
  'config.time': {
    en: 'Set the local time notices are posted at (default 09:00)',
    ru: 'Выбрать местное время публикации (по умолчанию 09:00)',
    tr: 'Bildirimlerin yerel saatini seç (varsayılan 09:00)',
  },
  'config.time.at': {
    en: '24-hour time: 9, 9:00, 09:00 or 21:30',
    ru: 'Время в 24-часовом формате: 9, 9:00, 09:00 или 21:30',
    tr: '24 saat biçiminde: 9, 9:00, 09:00 ya da 21:30',
  },
  'config.reminder': {
    en: 'Also post a reminder some days before each anniversary (0 = no reminders)',
    ru: 'Также напоминать за несколько дней до каждой годовщины (0 — без напоминаний)',
    tr: 'Her yıl dönümünden birkaç gün önce hatırlatma da gönder (0 = hatırlatma yok)',
  },
  'config.reminder.days': {
    en: 'Days ahead, 1–30; 0 turns reminders off',
    ru: 'За сколько дней, 1–30; 0 выключает напоминания',
    tr: 'Kaç gün önce, 1–30; 0 hatırlatmaları kapatır',
  },
  'config.role': {
    en: 'Set the role notices mention; leave empty to mention nobody',
    ru: 'Выбрать роль для упоминания; пусто — без упоминаний',
    tr: 'Bildirimlerde bahsedilecek rolü seç; boş bırakılırsa kimseden bahsedilmez',
  },
  'config.role.role': {
    en: 'The role to mention (@everyone only if you choose it)',
    ru: 'Роль для упоминания (@everyone — только если выбрать её)',
    tr: 'Bahsedilecek rol (@everyone yalnızca seçilirse)',
  },
  'config.event': {
    en: 'Turn one anniversary on or off for this server',
    ru: 'Включить или выключить одну годовщину для сервера',
    tr: 'Bu sunucu için bir yıl dönümünü aç ya da kapat',
  },
  'config.event.event': {
    en: 'The anniversary',
    ru: 'Годовщина',
    tr: 'Yıl dönümü',
  },
  'config.event.enabled': {
    en: 'Post it (true) or not (false)',
    ru: 'Публиковать (true) или нет (false)',
    tr: 'Gönderilsin (true) ya da gönderilmesin (false)',
  },
  'config.language': {
    en: 'Set the language of this server’s notices',
    ru: 'Выбрать язык уведомлений сервера',
    tr: 'Bu sunucunun bildirim dilini seç',
  },
  'config.language.language': {
    en: 'English, Azərbaycanca, Русский or Türkçe',
    ru: 'English, Azərbaycanca, Русский или Türkçe',
    tr: 'English, Azərbaycanca, Русский ya da Türkçe',
  },
  'config.pause': {
    en: 'Stop posting notices until you resume',
    ru: 'Приостановить уведомления до возобновления',
    tr: 'Devam ettirene kadar bildirimleri durdur',
  },
  'config.resume': {
    en: 'Resume posting notices',
    ru: 'Возобновить уведомления',
    tr: 'Bildirimlere devam et',
  },
  'config.test': {
    en: 'Post a labelled preview of a notice to the channel now',
    ru: 'Опубликовать в канале пробное уведомление с пометкой',
    tr: 'Kanala şimdi etiketli bir önizleme bildirimi gönder',
  },
  'config.test.event': {
    en: 'Which anniversary to preview (default: the next one)',
    ru: 'Какую годовщину показать (по умолчанию ближайшую)',
    tr: 'Hangi yıl dönümü önizlensin (varsayılan: sıradaki)',
  },
  'config.history': {
    en: 'Who changed these settings, when, and from what to what',
    ru: 'Кто менял эти настройки, когда и что на что',
    tr: 'Bu ayarları kim, ne zaman, neyden neye değiştirdi',
  },
  'config.date': {
    en: 'Remembrance dates this server adds, each with its source',
    ru: 'Памятные даты, которые добавляет сервер, с источником',
    tr: 'Bu sunucunun eklediği anma tarihleri, kaynaklarıyla',
  },
  'config.date.add': {
    en: 'Add a remembrance date with its source (posted like the bot’s own dates)',
    ru: 'Добавить памятную дату с источником (публикуется как даты бота)',
    tr: 'Kaynağıyla bir anma tarihi ekle (botun tarihleri gibi gönderilir)',
  },
  'config.date.add.name': {
    en: 'What is remembered (1–80 characters)',
    ru: 'Что вспоминают (1–80 символов)',
    tr: 'Anılan olay (1–80 karakter)',
  },
  'config.date.add.date': {
    en: 'The day, as YYYY-MM-DD (e.g. 1992-05-08)',
    ru: 'День в виде ГГГГ-ММ-ДД (например, 1992-05-08)',
    tr: 'Gün, YYYY-MM-DD biçiminde (örn. 1992-05-08)',
  },
  'config.date.add.source': {
    en: 'An https:// link to where the date comes from',
    ru: 'Ссылка https:// на источник даты',
    tr: 'Tarihin kaynağına https:// bağlantısı',
  },
  'config.date.add.text': {
    en: 'A short text for the notice (up to 500 characters)',
    ru: 'Короткий текст уведомления (до 500 символов)',
    tr: 'Bildirim için kısa bir metin (en fazla 500 karakter)',
  },
  'config.date.add.role': {
    en: 'A role to mention for this date instead of the server’s',
    ru: 'Роль, которую упомянуть для этой даты вместо роли сервера',
    tr: 'Bu tarih için sunucununki yerine anılacak rol',
  },
  'config.date.edit.server-role': {
    en: 'True: mention the server’s role for this date again, instead of its own',
    ru: 'True: снова упоминать для этой даты роль сервера вместо её собственной',
    tr: 'True: bu tarih için kendi rolü yerine yeniden sunucunun rolünü an',
  },
  'config.date.list': {
    en: 'List the dates this server added',
    ru: 'Список дат, добавленных сервером',
    tr: 'Bu sunucunun eklediği tarihleri listele',
  },
  'config.date.edit': {
    en: 'Change a date’s source, text or role (its notices are kept)',
    ru: 'Изменить источник, текст или роль даты (уведомления сохраняются)',
    tr: 'Bir tarihin kaynağını, metnini ya da rolünü değiştir (bildirimleri korunur)',
  },
  'config.date.remove': {
    en: 'Remove a date this server added',
    ru: 'Удалить дату, добавленную сервером',
    tr: 'Bu sunucunun eklediği bir tarihi kaldır',
  },
  'config.date.entry': {
    en: 'One of this server’s dates',
    ru: 'Одна из дат сервера',
    tr: 'Bu sunucunun tarihlerinden biri',
  },
  'config.events': {
    en: "Show the coming anniversaries in the server's Events tab",
    ru: 'Показывать ближайшие годовщины во вкладке «Мероприятия» сервера',
    tr: 'Yaklaşan yıl dönümlerini sunucunun Etkinlikler sekmesinde göster',
  },
  'config.events.enabled': {
    en: 'On: the bot creates an event for each anniversary 14 days ahead (needs Create Events)',
    ru: 'Вкл.: бот создаёт мероприятие за 14 дней до годовщины (нужно право «Создавать мероприятия»)',
    tr: 'Açık: bot her yıl dönümü için 14 gün önce etkinlik oluşturur (Etkinlik Oluştur izni gerekir)',
  },
} as const satisfies Record<string, { en: string; ru: string; tr: string }>;

export type CommandTextKey = keyof typeof commandText;

/** A description with its Discord localisations (ru, tr, en-GB; en-US is the default). */
export function describe(key: CommandTextKey): {
  description: string;
  description_localizations: Record<'ru' | 'tr' | 'en-GB', string>;
} {
  const t = commandText[key];
  return { description: t.en, description_localizations: { ru: t.ru, tr: t.tr, 'en-GB': t.en } };
}
