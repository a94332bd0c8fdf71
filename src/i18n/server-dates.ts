import type { Language } from '../domain/dataset.js';
import type { ServerDateProblem } from '../domain/server-date.js';

/**
 * What the bot says about dates a server's admins added (`/config date`), in each language. Kept apart
 * from the main catalogs: every line here is about the server's own words, never the dataset's.
 */
const en = {
  /** Shown where only the bot writes (the embed's author line), above the admins' name and text. */
  addedBy: 'Added by this server’s admins',
  noticeTitle: (p: { name: string; ordinal: string }) => `${p.name} — ${p.ordinal} anniversary`,
  textLabel: 'In the words of this server’s admins',
  sourceLabel: 'Source given by this server’s admins',
  noticeFooter: (p: { date: string }) => `${p.date} · added by this server, not from the bot’s sources`,
  upcomingMark: 'added by this server',
  historyLabel: 'Date added by this server',
  listTitle: 'Dates added by this server’s admins',
  listEmpty: 'This server has added no date yet. Add one with /config date add.',
  listLine: (p: { name: string; date: string; source: string }) => `${p.name} — ${p.date} — ${p.source}`,
  listFooter: (p: { count: number; max: number }) => `${p.count} of ${p.max} dates`,
  added: (p: { name: string; date: string }) =>
    `Added “${p.name}” (${p.date}). Its notice is posted at this server’s time on that day each year, labelled as added by this server, with your source.`,
  leapDay: 'In years without 29 February it is remembered on 28 February.',
  edited: (p: { name: string }) => `Updated “${p.name}”; its past and coming notices are kept.`,
  removed: (p: { name: string }) =>
    `Removed “${p.name}”. If its notice was already posted this year, adding it again does not post it twice.`,
  nothingToEdit: 'Give a new source, text or role (or server-role:True) to change; nothing was changed.',
  problems: {
    'date-name': 'The name must be 1 to 80 characters. Nothing was changed.',
    'date-format': 'Write the date as YYYY-MM-DD, for example 1992-05-08. Nothing was changed.',
    'date-not-a-day':
      'That day does not exist in the calendar; write a real date such as 1992-05-08. Nothing was changed.',
    'date-future': 'The date is in the future; a remembrance date must have happened. Nothing was changed.',
    'date-source':
      'The source must be an https:// link (no other kind, no user name or password in it) of at most 512 characters. Nothing was changed.',
    'date-text': 'The text may be at most 500 characters. Nothing was changed.',
    'date-limit':
      'This server already has 25 dates, the most it can keep; remove one first. Nothing was changed.',
    'date-duplicate': 'This server already has a date with this name on this day. Nothing was changed.',
    'date-unknown': 'This server has no such date; pick one from the list. Nothing was changed.',
    'date-role-both':
      'Give either a role or server-role:True (back to the server’s role), not both. Nothing was changed.',
  } satisfies Record<ServerDateProblem, string>,
};

export type ServerDateMessages = typeof en;

const az: ServerDateMessages = {
  addedBy: 'Bu serverin adminləri tərəfindən əlavə edilib',
  noticeTitle: (p) => `${p.name} — ${p.ordinal} ildönümü`,
  textLabel: 'Bu serverin adminlərinin sözləri ilə',
  sourceLabel: 'Bu serverin adminlərinin göstərdiyi mənbə',
  noticeFooter: (p) => `${p.date} · bu server tərəfindən əlavə edilib, botun mənbələrindən deyil`,
  upcomingMark: 'bu server tərəfindən əlavə edilib',
  historyLabel: 'Bu serverin əlavə etdiyi tarix',
  listTitle: 'Bu serverin adminlərinin əlavə etdiyi tarixlər',
  listEmpty: 'Bu server hələ heç bir tarix əlavə etməyib. /config date add ilə əlavə edin.',
  listLine: (p) => `${p.name} — ${p.date} — ${p.source}`,
  listFooter: (p) => `${p.count} / ${p.max} tarix`,
  added: (p) =>
    `“${p.name}” (${p.date}) əlavə edildi. Bildirişi hər il həmin gün serverin vaxtında, bu server tərəfindən əlavə edildiyi qeyd olunaraq, mənbənizlə birgə göndəriləcək.`,
  leapDay: '29 fevral olmayan illərdə 28 fevralda xatırlanır.',
  edited: (p) => `“${p.name}” yeniləndi; keçmiş və gələcək bildirişləri saxlanılır.`,
  removed: (p) =>
    `“${p.name}” silindi. Bildirişi bu il artıq göndərilibsə, yenidən əlavə etmək onu ikinci dəfə göndərmir.`,
  nothingToEdit: 'Dəyişmək üçün yeni mənbə, mətn və ya rol (ya da server-role:True) verin; heç nə dəyişmədi.',
  problems: {
    'date-name': 'Ad 1–80 simvol olmalıdır. Heç nə dəyişmədi.',
    'date-format': 'Tarixi YYYY-MM-DD şəklində yazın, məsələn 1992-05-08. Heç nə dəyişmədi.',
    'date-not-a-day': 'Təqvimdə belə gün yoxdur; real tarix yazın, məsələn 1992-05-08. Heç nə dəyişmədi.',
    'date-future': 'Tarix gələcəkdədir; xatirə tarixi baş vermiş olmalıdır. Heç nə dəyişmədi.',
    'date-source':
      'Mənbə ən çox 512 simvolluq https:// keçidi olmalıdır (başqa növ yox, içində istifadəçi adı və ya parol yox). Heç nə dəyişmədi.',
    'date-text': 'Mətn ən çox 500 simvol ola bilər. Heç nə dəyişmədi.',
    'date-limit': 'Bu serverdə artıq 25 tarix var, bu ən çoxudur; əvvəlcə birini silin. Heç nə dəyişmədi.',
    'date-duplicate': 'Bu serverdə həmin gündə bu adla tarix artıq var. Heç nə dəyişmədi.',
    'date-unknown': 'Bu serverdə belə tarix yoxdur; siyahıdan seçin. Heç nə dəyişmədi.',
    'date-role-both':
      'Ya rol, ya da server-role:True (serverin roluna qayıtmaq) verin, ikisini birlikdə yox. Heç nə dəyişmədi.',
  },
};

const ru: ServerDateMessages = {
  addedBy: 'Добавлено администраторами этого сервера',
  noticeTitle: (p) => `${p.name} — ${p.ordinal} годовщина`,
  textLabel: 'Словами администраторов этого сервера',
  sourceLabel: 'Источник, указанный администраторами сервера',
  noticeFooter: (p) => `${p.date} · добавлено этим сервером, не из источников бота`,
  upcomingMark: 'добавлено этим сервером',
  historyLabel: 'Дата, добавленная сервером',
  listTitle: 'Даты, добавленные администраторами сервера',
  listEmpty: 'Этот сервер ещё не добавил ни одной даты. Добавьте её командой /config date add.',
  listLine: (p) => `${p.name} — ${p.date} — ${p.source}`,
  listFooter: (p) => `${p.count} из ${p.max} дат`,
  added: (p) =>
    `Добавлено «${p.name}» (${p.date}). Уведомление публикуется каждый год в этот день во время сервера, с пометкой, что дата добавлена этим сервером, и с вашим источником.`,
  leapDay: 'В годы без 29 февраля дата отмечается 28 февраля.',
  edited: (p) => `«${p.name}» обновлено; прошлые и будущие уведомления сохраняются.`,
  removed: (p) =>
    `«${p.name}» удалено. Если уведомление в этом году уже опубликовано, повторное добавление не опубликует его второй раз.`,
  nothingToEdit: 'Укажите новый источник, текст или роль (или server-role:True); ничего не изменено.',
  problems: {
    'date-name': 'Название должно содержать от 1 до 80 символов. Ничего не изменено.',
    'date-format': 'Напишите дату в виде ГГГГ-ММ-ДД (YYYY-MM-DD), например 1992-05-08. Ничего не изменено.',
    'date-not-a-day':
      'Такого дня нет в календаре; укажите настоящую дату, например 1992-05-08. Ничего не изменено.',
    'date-future': 'Дата в будущем; дата памяти должна уже наступить. Ничего не изменено.',
    'date-source':
      'Источник должен быть ссылкой https:// (никакой другой, без имени пользователя и пароля) не длиннее 512 символов. Ничего не изменено.',
    'date-text': 'Текст может быть не длиннее 500 символов. Ничего не изменено.',
    'date-limit': 'На сервере уже 25 дат — это максимум; сначала удалите одну. Ничего не изменено.',
    'date-duplicate': 'На сервере уже есть дата с таким названием в этот день. Ничего не изменено.',
    'date-unknown': 'На этом сервере нет такой даты; выберите её из списка. Ничего не изменено.',
    'date-role-both':
      'Укажите либо роль, либо server-role:True (вернуть роль сервера), но не оба. Ничего не изменено.',
  },
};

const tr: ServerDateMessages = {
  addedBy: 'Bu sunucunun yöneticileri tarafından eklendi',
  noticeTitle: (p) => `${p.name} — ${p.ordinal} yıl dönümü`,
  textLabel: 'Bu sunucunun yöneticilerinin sözleriyle',
  sourceLabel: 'Bu sunucunun yöneticilerinin verdiği kaynak',
  noticeFooter: (p) => `${p.date} · bu sunucu tarafından eklendi, botun kaynaklarından değil`,
  upcomingMark: 'bu sunucu tarafından eklendi',
  historyLabel: 'Bu sunucunun eklediği tarih',
  listTitle: 'Bu sunucunun yöneticilerinin eklediği tarihler',
  listEmpty: 'Bu sunucu henüz bir tarih eklemedi. /config date add ile ekleyin.',
  listLine: (p) => `${p.name} — ${p.date} — ${p.source}`,
  listFooter: (p) => `${p.count} / ${p.max} tarih`,
  added: (p) =>
    `“${p.name}” (${p.date}) eklendi. Bildirimi her yıl o gün sunucunun saatinde, bu sunucu tarafından eklendiği belirtilerek ve kaynağınızla gönderilir.`,
  leapDay: '29 Şubat olmayan yıllarda 28 Şubat’ta anılır.',
  edited: (p) => `“${p.name}” güncellendi; geçmiş ve gelecek bildirimleri korunur.`,
  removed: (p) =>
    `“${p.name}” kaldırıldı. Bildirimi bu yıl zaten gönderildiyse yeniden eklemek onu ikinci kez göndermez.`,
  nothingToEdit:
    'Değiştirmek için yeni bir kaynak, metin ya da rol (veya server-role:True) verin; hiçbir şey değişmedi.',
  problems: {
    'date-name': 'Ad 1 ile 80 karakter arasında olmalı. Hiçbir şey değişmedi.',
    'date-format': 'Tarihi YYYY-MM-DD biçiminde yazın, örneğin 1992-05-08. Hiçbir şey değişmedi.',
    'date-not-a-day':
      'Takvimde böyle bir gün yok; gerçek bir tarih yazın, örneğin 1992-05-08. Hiçbir şey değişmedi.',
    'date-future': 'Tarih gelecekte; bir anma tarihi yaşanmış olmalı. Hiçbir şey değişmedi.',
    'date-source':
      'Kaynak en fazla 512 karakterlik bir https:// bağlantısı olmalı (başka tür değil, içinde kullanıcı adı ya da parola olmadan). Hiçbir şey değişmedi.',
    'date-text': 'Metin en fazla 500 karakter olabilir. Hiçbir şey değişmedi.',
    'date-limit': 'Bu sunucuda zaten en fazla olan 25 tarih var; önce birini kaldırın. Hiçbir şey değişmedi.',
    'date-duplicate': 'Bu sunucuda bu günde bu adla bir tarih zaten var. Hiçbir şey değişmedi.',
    'date-unknown': 'Bu sunucuda böyle bir tarih yok; listeden seçin. Hiçbir şey değişmedi.',
    'date-role-both':
      'Ya bir rol ya da server-role:True (sunucunun rolüne dönmek) verin, ikisini birden değil. Hiçbir şey değişmedi.',
  },
};

const catalogs: Record<Language, ServerDateMessages> = { en, az, ru, tr };

/** The server-date messages of a language. */
export function serverDateMessages(language: Language): ServerDateMessages {
  return catalogs[language];
}
