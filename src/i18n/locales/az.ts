import type { Messages } from './en.js';

// The ordinal suffix follows the vowel harmony of the number's last pronounced word:
// bir → 1-ci, üç → 3-cü, altı → 6-cı, doqquz → 9-cu, on → 10-cu, qırx → 40-cı, yüz → 100-cü, min → 1000-ci.
const UNIT_SUFFIX = ['', 'ci', 'ci', 'cü', 'cü', 'ci', 'cı', 'ci', 'ci', 'cu'] as const;
const TEN_SUFFIX = ['', 'cu', 'ci', 'cu', 'cı', 'ci', 'cı', 'ci', 'ci', 'cı'] as const;

/** The Azerbaijani ordinal suffix of a whole number: 34 → "cü" (otuz dörd → dördüncü). */
export function azOrdinalSuffix(n: number): string {
  const m = Math.abs(Math.trunc(n));
  if (m === 0) return 'cı'; // sıfır
  if (m % 10 !== 0) return UNIT_SUFFIX[m % 10] ?? 'ci';
  if (m % 100 !== 0) return TEN_SUFFIX[Math.floor(m / 10) % 10] ?? 'ci';
  if (m % 1000 !== 0) return 'cü'; // yüz
  if (m % 1_000_000 !== 0) return 'ci'; // min
  if (m % 1_000_000_000 !== 0) return 'cu'; // milyon
  return 'cı'; // milyard
}

/**
 * Azerbaijani. Discord has no Azerbaijani client, so members see its settings in English (or Russian or
 * Turkish): a permission is named in Azerbaijani with Discord's English name in brackets, so it can be found.
 * No plural after a number (35 il). Values that would need a case suffix are placed where none is needed.
 */
export const az: Messages = {
  intlLocale: 'az',
  ordinal: (n: number) => `${n}-${azOrdinalSuffix(n)}`,
  years: (n: number) => `${n} il`,
  yearsAgo: (p: { years: string }) => `${p.years} əvvəl`,
  km2: (p: { value: string }) => `${p.value} km²`,

  sourceLabel: 'Mənbə',
  sourcesLabel: 'Mənbələr',
  quoteLabel: 'Mənbənin öz sözləri ilə',
  accordingTo: (p: { citation: string }) => `Məlumatın mənbəyi: ${p.citation}.`,
  areasNote: 'Hər ərazi rəqəmi bütöv rayona aiddir; ərazilər üst-üstə düşdüyü üçün heç vaxt toplanmır.',

  placeDateLabel: 'İşğal tarixi',
  placeDateValue: (p: { date: string; ago: string }) => `${p.date} — ${p.ago}`,
  placePeriodValue: (p: { from: number; to: number }) => `${p.from}–${p.to}: konkret gün deyil, dövr`,
  territoryLabel: 'Ərazi',
  foundBy: (p: { name: string }) => `“${p.name}” adı ilə tapıldı.`,

  massacreTitle: (p: { name: string; night: string }) => `${p.name} — ${p.night} gecəsi`,
  khojalyAttribution: (p: { citation: string }) =>
    `Adın və rəqəmlərin mənbəyi: ${p.citation}. Başqa qurumlar fərqli rəqəmlər göstərir.`,
  killedLabel: 'Öldürülən dinc sakinlər',
  killedValue: (p: { killed: string; women: string; children: string; elderly: string }) =>
    `${p.killed}, o cümlədən ${p.women} qadın, ${p.children} uşaq və ${p.elderly} ahıl`,
  woundedLabel: 'Yaralananlar',
  hostagesLabel: 'Girov götürülənlər',
  missingLabel: 'Hələ də itkin',
  rememberedOn: (p: { date: string }) => `Anım günü: ${p.date}.`,

  timelineTitle: 'Xronologiya',
  timelineKilled: (p: { value: string }) => `${p.value} dinc sakin öldürülüb`,
  timelinePeriod: (p: { from: number; to: number }) => `${p.from}–${p.to}`,
  timelineFooter: 'Tarixlər və ərazilər mənbələrdə verildiyi kimidir; ərazilər üst-üstə düşür və toplanmır.',

  timelinePictureTitle: (p: { from: number; to: number }) => `Xronologiya, ${p.from}–${p.to}`,
  timelinePictureAlt: (p: { from: number; to: number }) =>
    `${p.from}–${p.to} illərinin zaman oxu: yuxarıdakı siyahının hər tarixi yeri və rəqəmi ilə qeyd olunub.`,

  calendarTitle: 'İldönümləri təqviminiz üçün',
  calendarBody: (p: { count: number }) =>
    `Hər il təkrarlanan bütün günlük hadisələr (${p.count}), hər biri rəqəmləri və mənbəyi ilə. Əlavə olunmuş faylı açın və ya idxal edin: Google Calendar (Settings → Import), Apple Calendar (File → Import), Outlook (Add calendar → Upload from file).`,
  calendarPeriodNote: (p: { names: string }) =>
    `${p.names}: bir gün deyil, dövrdür, ona görə hər il təkrarlanan hadisəsi yoxdur.`,
  calendarName: 'Anım günləri',
  calendarOccupationSummary: (p: { name: string; year: number }) => `${p.name}: işğalın ildönümü (${p.year})`,
  calendarMassacreSummary: (p: { name: string; year: number }) => `${p.name}: qırğının ildönümü (${p.year})`,
  calendarOccupationDate: (p: { date: string }) => `İşğal tarixi: ${p.date} (mənbədə verilən tarix).`,
  calendarMassacreNight: (p: { night: string }) => `${p.night} gecəsi.`,
  calendarOwnDates: (p: { count: number }) =>
    `Faylda bu serverin öz tarixləri də var (${p.count}): hər biri bu serverin adminləri tərəfindən əlavə edildiyi qeyd olunub, onların göstərdiyi mənbə ilə.`,
  calendarOwnSummary: (p: { name: string; year: number }) =>
    `${p.name} (${p.year}) — bu serverin adminləri tərəfindən əlavə edilib`,
  calendarTurnedOff: (p: { count: number }) =>
    `Bu serverin /config event ilə bağladığı günlər fayla daxil edilməyib (${p.count}).`,

  upcomingTitle: 'Yaxınlaşan ildönümləri',
  upcomingNone: 'Bu server yad etdiyi bütün günləri /config event ilə bağlayıb.',
  upcomingTurnedOff: (p: { count: number }) =>
    `Siyahıda yoxdur: bu serverin /config event ilə bağladığı günlər (${p.count}).`,
  upcomingLine: (p: { name: string; ordinal: string; when: string; relative: string }) =>
    `**${p.name}** — ${p.ordinal} ildönümü: ${p.when} (${p.relative})`,
  upcomingWhen: (p: { date: string; time: string; zone: string }) => `${p.date}, ${p.time} (${p.zone})`,

  sourceSupports: 'Təsdiq etdiyi məlumatlar',
  sourceCite: (p: { citation: string }) => `İstinad: ${p.citation}`,

  unknownPlace: (p: { query: string; suggestions: string }) =>
    `Məlumatlarda “${p.query}” adlı yer yoxdur. Bəlkə bunu axtarırsınız: ${p.suggestions}? Yazarkən siyahıdan ad seçin.`,
  unknownPlaceNoSuggestion: (p: { query: string }) =>
    `Məlumatlarda “${p.query}” adlı yer yoxdur. Yazarkən siyahıdan ad seçin və ya /timeline əmrinə baxın.`,
  or: 'və ya',

  noticeOccupationTitle: (p: { name: string; ordinal: string }) => `${p.name}: işğalın ${p.ordinal} ildönümü`,
  noticeOccupationBody: (p: { date: string; years: string }) =>
    `Mənbədəki tarixə görə ${p.date} tarixində işğal olunub — ${p.years} əvvəl. Unutmuruq.`,
  noticeMassacreTitle: (p: { name: string; ordinal: string }) => `${p.name}: ${p.ordinal} ildönümü`,
  nameAndFiguresAccordingTo: (p: { citation: string }) => `Adın və rəqəmlərin mənbəyi: ${p.citation}.`,
  noticeMassacreBody: (p: { night: string; years: string }) =>
    `${p.night} gecəsi — ${p.years} əvvəl. Xocalı sakinlərini yad edirik.`,
  noticePreviewLabel:
    '**Önbaxış** — bildirişlərin burada necə görünəcəyini yoxlamaq üçündür; ildönümü bildirişi deyil.',
  noticePreviewFooter: 'Önbaxış',
  noticeFooter: (p: { date: string }) => `Anım günü: ${p.date}`,
  days: (n: number) => `${n} gün`,
  reminderLabel: (p: { days: string }) => `**Xatırlatma:** bu ildönümünə ${p.days} qalıb.`,

  configTitle: 'Bu serverdə ildönümü bildirişləri',
  configChannel: 'Kanal',
  configZone: 'Saat qurşağı',
  configTime: 'Yerli vaxt',
  configReminder: 'Xatırlatma',
  configReminderOff: 'yoxdur',
  configReminderValue: (p: { days: string }) => `${p.days} əvvəl`,
  reminderOf: (p: { name: string }) => `Xatırlatma: ${p.name}`,
  reminderAhead: (p: { name: string; days: string }) => `Xatırlatma: ${p.name}, ${p.days} sonra`,
  updatedReminder: (p: { days: string }) =>
    `Hər ildönümündən ${p.days} əvvəl eyni vaxtda və eyni kanalda xatırlatma dərc ediləcək.`,
  updatedReminderOff: 'Əvvəlcədən xatırlatma olmayacaq; ildönümlərinin özü yenə dərc edilir.',
  configRole: 'Qeyd ediləcək rol',
  configLanguage: 'Dil',
  configStatus: 'Vəziyyət',
  configEvents: 'İldönümləri',
  configNext: 'Növbəti bildirişlər',
  configProblems: 'Diqqət tələb edir',
  configTrouble: 'Dərc olunmamış son ildönümləri',
  configNotSet: 'seçilməyib',
  configNobody: 'heç kim',
  configActive: 'aktivdir',
  configPausedBy: (p: { why: string }) => `dayandırılıb — ${p.why}`,
  configNoNext: 'yoxdur: bildirişlər dayandırılıb və ya kanal seçilməyib',
  configEventOn: 'açıq',
  configEventOff: 'bağlı',
  configNextLine: (p: { name: string; at: string; relative: string }) =>
    `${p.name} · ${p.at} (${p.relative})`,
  troubleMissed: (p: { name: string; year: number }) =>
    `${p.name} ${p.year}: buraxılıb — bot həmin gün işləmirdi`,
  troubleFailed: (p: { name: string; year: number; reason: string }) =>
    `${p.name} ${p.year}: alınmadı — ${p.reason}`,
  publishPending: (p: { name: string; year: number; reason: string; at: string }) =>
    `${p.name} ${p.year}: kanalda dərc edildi, izləyən serverlərə hələ göndərilməyib — ${p.reason}; növbəti cəhd ${p.at}`,
  publishFailed: (p: { name: string; year: number; reason: string }) =>
    `${p.name} ${p.year}: kanalda dərc edildi, izləyən serverlərə göndərilmədi — ${p.reason}`,
  publishRateLimited: 'Discord-un bu kanalda saatda 10 yayım həddinə çatıldı',
  publishNeedsPermission:
    'bildirişi yaymaq üçün botun elan kanalında mesaj göndərmək (Send Messages) icazəsi olmalıdır',
  publishDayEnded: 'ildönümü günü yayımdan əvvəl bitdi',
  troubleUncertain: (p: { name: string; year: number }) =>
    `${p.name} ${p.year}: məlum deyil — cəhdin nəticəsi bilinmədi, bot isə kanalın tarixçəsini oxuya bilmir, ona görə yenidən paylaşmadı; kanala baxın və bota orada mesaj tarixçəsini oxumaq (Read Message History) icazəsi verin`,
  troubleDiscordError: (p: { detail: string }) => `Discord belə cavab verdi: “${p.detail}”`,
  troubleDayEnded: 'Discord paylaşımı qəbul edənədək gün başa çatdı',

  pauseReasonAdmin: 'administrator tərəfindən; bərpa etmək üçün /config resume işlədin',
  pauseReasonChannelDeleted: 'kanal silinib; /config channel ilə başqasını seçin',
  pauseReasonMissingAccess:
    'bot kanalı görmür (Missing Access); ona orada kanala baxmaq (View Channel) icazəsi verin, sonra /config channel əmrini yenidən işlədin',
  pauseReasonMissingPermissions: (p: { detail: string }) =>
    `botun kanalda icazələri çatmır (${p.detail}); onları verin, sonra /config channel əmrini yenidən işlədin`,
  pauseReasonUnknownChannel: 'Discord bu kanalı artıq tanımır; /config channel ilə başqasını seçin',
  problemNoChannel: 'Kanal seçilməyib: /config channel ilə seçin.',
  problemChannelMissing: 'Kanal artıq yoxdur və ya bot onu görmür: /config channel ilə başqasını seçin.',
  problemPermissions: (p: { permissions: string }) =>
    `Botun kanalda bu icazələri yoxdur: ${p.permissions}. Onları orada verin və ya başqa kanal seçin.`,
  problemAllOff: 'Bütün ildönümləri bağlıdır: /config event ilə ən azı birini açın.',
  problemPaused: (p: { why: string }) => `Bildirişlər dayandırılıb: ${p.why}.`,

  updatedChannel: (p: { channel: string }) => `Bildirişlər ${p.channel} kanalında dərc olunacaq.`,
  updatedZone: (p: { zone: string }) => `Saat qurşağı: ${p.zone}.`,
  updatedTime: (p: { time: string }) => `Bildirişlərin dərc vaxtı: ${p.time} (yerli vaxtla).`,
  updatedRole: (p: { role: string }) => `Bildirişlərdə ${p.role} qeyd olunacaq.`,
  updatedRoleCleared: 'Bildirişlərdə heç kim qeyd olunmayacaq.',
  updatedEventOn: (p: { name: string }) => `${p.name} bildirişi dərc olunacaq.`,
  updatedEventOff: (p: { name: string }) => `${p.name} bildirişi dərc olunmayacaq.`,
  updatedLanguage: 'Bu serverdə bildirişlər Azərbaycan dilində yazılacaq.',
  updatedPause: 'Bildirişlər dayandırıldı. Yenidən başlamaq üçün /config resume işlədin.',
  updatedResume: 'Bildirişlər bərpa olundu.',
  updatedNext: (p: { name: string; at: string; relative: string }) =>
    `Növbəti bildiriş: ${p.name} — ${p.at} (${p.relative}).`,
  updatedNoNext: 'Aşağıdakı problemlər həll olunana qədər heç bir bildiriş planlaşdırılmayacaq.',

  testPosted: (p: { channel: string; name: string }) =>
    `${p.name} bildirişinin işarələnmiş önbaxışı ${p.channel} kanalında dərc olundu. O, ildönümü bildirişi sayılmır.`,
  testFailed: (p: { channel: string; why: string }) =>
    `Önbaxış ${p.channel} kanalında dərc oluna bilmədi: ${p.why}`,
  testRefused: (p: { permissions: string }) =>
    `Discord rədd etdi: botun bu kanalda ${p.permissions} icazələrinə ehtiyacı var. Onları kanalın icazələrində verin, sonra /config test əmrini yenidən işlədin. Bildirişlər dayandırılmayıb.`,
  testSendFailed: (p: { detail: string }) =>
    `Discord-un cavabı: ${p.detail}. Bir dəqiqədən sonra yenidən cəhd edin.`,

  errorZone: (p: { value: string }) =>
    `“${p.value}” saat qurşağı deyil. Asia/Baku və ya Europe/Berlin kimi IANA adı yazın (yazarkən siyahıdan seçin). Heç nə dəyişdirilmədi.`,
  errorTime: (p: { value: string }) =>
    `“${p.value}” vaxt deyil. 9, 9:00, 09:00 və ya 21:30 kimi 24 saatlıq formatdan istifadə edin. Heç nə dəyişdirilmədi.`,
  errorChannelType:
    'Bildirişlər yalnız mətn və ya elan kanalında dərc oluna bilər. Onlardan birini seçin. Heç nə dəyişdirilmədi.',
  errorChannelUnknown:
    'Bot həmin kanalı görmür. Botun görə bildiyi mətn və ya elan kanalı seçin. Heç nə dəyişdirilmədi.',
  errorChannelPermissions: (p: { channel: string; permissions: string }) =>
    `Botun ${p.channel} kanalında bu icazələri yoxdur: ${p.permissions}. Onları orada verin və yenidən cəhd edin. Heç nə dəyişdirilmədi.`,
  errorRoleUnknown: 'Bot bu rolu tapa bilmir. Başqasını seçin. Heç nə dəyişdirilmədi.',
  errorRoleManaged:
    'Bu rol bota və ya inteqrasiyaya məxsusdur, bildirişlərdə qeyd oluna bilməz. Başqasını seçin. Heç nə dəyişdirilmədi.',
  errorRoleNotMentionable:
    'Bot bu rolu qeyd edə bilmir: server ayarlarında (Server Settings → Roles) rolun qeyd olunmasına icazə verin və ya bildiriş kanalında bota @everyone, @here və bütün rolları qeyd etmək (Mention @everyone, @here and All Roles) icazəsi verin. Heç nə dəyişdirilmədi.',
  errorEveryoneNotAllowed:
    'Botun @everyone qeyd etməsi üçün bildiriş kanalında ona @everyone, @here və bütün rolları qeyd etmək (Mention @everyone, @here and All Roles) icazəsi lazımdır; icazəni verin və yenidən cəhd edin. Heç nə dəyişdirilmədi.',
  errorUnknownEvent: (p: { value: string }) =>
    `“${p.value}” botun dərc etdiyi ildönümü deyil. Yazarkən siyahıdan birini seçin. Heç nə dəyişdirilmədi.`,
  errorLanguage: 'Siyahıdan English, Azərbaycanca, Русский və ya Türkçe seçin. Heç nə dəyişdirilmədi.',
  errorNoChannel: 'Hələ kanal seçilməyib. Əvvəlcə /config channel ilə kanal seçin.',
  errorNotPaused: 'Bildirişlər dayandırılmayıb; bərpa ediləcək heç nə yoxdur.',
  errorOptions:
    'Seçimlər botun gözlədiyinə uyğun gəlmədi (Discord hələ əmrin köhnə versiyasını göstərə bilər). Bir dəqiqədən sonra yenidən cəhd edin. Heç nə dəyişdirilmədi.',
  errorAlreadyPaused: 'Bildirişlər artıq dayandırılıb. Yenidən başlamaq üçün /config resume işlədin.',

  historyTitle: 'Bu ayarlarda dəyişikliklər',
  historyEmpty:
    'Hələ heç bir dəyişiklik qeydə alınmayıb. /config ilə edilən dəyişikliklər burada görünür, əvvəlcə yeniləri.',
  historyLine: (p: { when: string; who: string; what: string }) => `${p.when} · ${p.who} · ${p.what}`,
  historyChange: (p: { label: string; from: string; to: string }) => `${p.label}: ${p.from} → ${p.to}`,
  historyPaused: 'dayandırılıb',
  historyPausedByDiscord: 'dayandırılıb (Discord dərcləri rədd edirdi)',
  configEventsTab: 'Tədbirlər bölməsi',
  problemEventsPermission:
    'Tədbirlər bölməsi açıqdır, amma botun tədbir yaratmağa icazəsi yoxdur: ona "Tədbir yarat" icazəsini verin (Server Ayarları → Rollar) və ya /config events enabled:False ilə bölməni bağlayın.',
  updatedEventsTabOn:
    'Yaxınlaşan ildönümləri bir neçə dəqiqəyə serverin Tədbirlər bölməsində, hər biri 14 gün əvvəldən görünəcək.',
  updatedEventsTabOff: 'Botun ildönümü tədbirləri Tədbirlər bölməsindən silinir.',
  problemEventsLimit:
    'Tədbirlər bölməsi doludur: Discord hər serverdə 100 planlaşdırılmış tədbirə icazə verir. Bəzilərini bitirin və ya silin, bot ildönümlərini beş dəqiqə ərzində əlavə edəcək.',
  problemEventsRefused:
    'Discord Tədbirlər bölməsi üçün ildönümü tədbirini rədd etdi; bot hər beş dəqiqədən bir yenidən cəhd edir. Belə qalarsa, /config events ilə bölməni bağlayıb yenidən açın.',
  errorEventsPermission:
    'İldönümlərini Tədbirlər bölməsində göstərmək üçün botun bu serverdə "Tədbir yarat" (və ya "Tədbirləri idarə et") icazəsi olmalıdır: onu Server Ayarları → Rollar bölməsində verin və yenidən cəhd edin. Heç nə dəyişdirilmədi.',
  historyPrevious: 'Əvvəlki',
  historyNext: 'Növbəti',
  historyFooter: (p: { page: number; pages: number; total: number }) =>
    `Səhifə ${p.page} / ${p.pages} · saxlanılan dəyişikliklər: ${p.total} (bir il, ən çoxu 500)`,

  permissionViewChannel: 'kanala baxmaq (View Channel)',
  permissionSendMessages: 'mesaj göndərmək (Send Messages)',
  permissionReadMessageHistory: 'mesaj tarixçəsini oxumaq (Read Message History)',
  permissionEmbedLinks: 'linkləri yerləşdirmək (Embed Links)',
  permissionAttachFiles: 'fayl əlavə etmək (Attach Files)',
  permissionCreateEvents: 'tədbir yaratmaq (Create Events)',

  errorGuildOnly: 'Bu əmr yalnız serverdə işləyir. Heç nə dəyişdirilmədi.',
  errorManageGuild:
    'Botun ayarlarını yalnız serveri idarə etmək (Manage Server) icazəsi olan üzvlər dəyişə bilər. Heç nə dəyişdirilmədi.',
  errorUnknownCommand: (p: { name: string }) =>
    `Botun bu versiyası /${p.name} əmrini tanımır. Heç nə dəyişdirilmədi; bir dəqiqədən sonra yenidən cəhd edin.`,
  errorCount: (p: { min: number; max: number }) =>
    `${p.min} ilə ${p.max} arasında say seçin. Heç nə dəyişdirilmədi.`,
  errorStoreUnavailable:
    'Ayarlar müvəqqəti olaraq əlçatan deyil: bot verilənlər bazasına qoşula bilmir. Heç nə dəyişdirilmədi; bir neçə dəqiqədən sonra yenidən cəhd edin.',
  errorInternal: (p: { id: string }) =>
    `Bizim tərəfdə xəta baş verdi və heç nə dəyişdirilmədi. Bu barədə bildirsəniz, bu ID-ni göstərin: ${p.id}.`,
};
