import type { Messages } from './en.js';

/**
 * Turkish. No plural after a number (35 yıl). Permission names are Discord's own in its Turkish client.
 * Values that would need a case suffix (a channel, a time, the source's English names) are placed where
 * none is needed: "#genel kanalında", "Kaynak: …", "… tarafından".
 */
export const tr: Messages = {
  intlLocale: 'tr',
  ordinal: (n: number) => `${n}.`,
  years: (n: number) => `${n} yıl`,
  yearsAgo: (p: { years: string }) => `${p.years} önce`,
  km2: (p: { value: string }) => `${p.value} km²`,

  sourceLabel: 'Kaynak',
  sourcesLabel: 'Kaynaklar',
  quoteLabel: 'Kaynağın kendi ifadesiyle',
  accordingTo: (p: { citation: string }) => `Bilgiler şu kaynağa dayanıyor: ${p.citation}.`,
  areasNote: 'Her yüzölçümü bölgenin tamamına aittir; alanlar örtüştüğü için asla toplanmaz.',

  placeDateLabel: 'İşgal tarihi',
  placeDateValue: (p: { date: string; ago: string }) => `${p.date} — ${p.ago}`,
  placePeriodValue: (p: { from: number; to: number }) => `${p.from}–${p.to}: tek bir gün değil, bir dönem`,
  territoryLabel: 'Yüzölçümü',
  foundBy: (p: { name: string }) => `“${p.name}” adıyla bulundu.`,

  massacreTitle: (p: { name: string; night: string }) => `${p.name} — ${p.night} gecesi`,
  khojalyAttribution: (p: { citation: string }) =>
    `Ad ve rakamlar şu kaynağa dayanıyor: ${p.citation}. Başka kuruluşlar farklı rakamlar veriyor.`,
  killedLabel: 'Öldürülen sivil',
  killedValue: (p: { killed: string; women: string; children: string; elderly: string }) =>
    `${p.killed}; aralarında ${p.women} kadın, ${p.children} çocuk ve ${p.elderly} yaşlı`,
  woundedLabel: 'Yaralı',
  hostagesLabel: 'Rehin alınan',
  missingLabel: 'Hâlâ kayıp',
  rememberedOn: (p: { date: string }) => `Anma günü: ${p.date}.`,

  timelineTitle: 'Kronoloji',
  timelineKilled: (p: { value: string }) => `${p.value} sivil öldürüldü`,
  timelinePeriod: (p: { from: number; to: number }) => `${p.from}–${p.to}`,
  timelineFooter: 'Tarihler ve yüzölçümleri kaynaklardaki gibidir; alanlar örtüşür ve toplanmaz.',

  timelinePictureTitle: (p: { from: number; to: number }) => `Kronoloji, ${p.from}–${p.to}`,
  timelinePictureAlt: (p: { from: number; to: number }) =>
    `${p.from}–${p.to} yıllarının zaman ekseni: yukarıdaki listenin her tarihi, yeri ve rakamıyla işaretli.`,

  calendarTitle: 'Yıl dönümleri, takviminiz için',
  calendarBody: (p: { count: number }) =>
    `Her yıl tekrarlanan tüm gün etkinlikler (${p.count}), her biri rakamları ve kaynağıyla. Ekteki dosyayı açın ya da içe aktarın: Google Calendar (Settings → Import), Apple Calendar (File → Import), Outlook (Add calendar → Upload from file).`,
  calendarPeriodNote: (p: { names: string }) =>
    `${p.names}: tek bir gün değil, bir dönem; bu yüzden yıllık etkinliği yok.`,
  calendarName: 'Anma günleri',
  calendarOccupationSummary: (p: { name: string; year: number }) =>
    `${p.name}: işgalin yıl dönümü (${p.year})`,
  calendarMassacreSummary: (p: { name: string; year: number }) =>
    `${p.name}: katliamın yıl dönümü (${p.year})`,
  calendarOccupationDate: (p: { date: string }) => `İşgal tarihi: ${p.date} (kaynağın verdiği tarih).`,
  calendarMassacreNight: (p: { night: string }) => `${p.night} gecesi.`,
  calendarOwnDates: (p: { count: number }) =>
    `Dosyada bu sunucunun kendi tarihleri de var (${p.count}); her biri bu sunucunun yöneticileri tarafından eklendiği belirtilerek, verdikleri kaynakla birlikte.`,
  calendarOwnSummary: (p: { name: string; year: number }) =>
    `${p.name} (${p.year}) — bu sunucunun yöneticileri tarafından eklendi`,
  calendarTurnedOff: (p: { count: number }) =>
    `Bu sunucunun /config event ile kapattığı günler dosyaya alınmadı (${p.count}).`,

  upcomingTitle: 'Yaklaşan yıl dönümleri',
  upcomingNone: 'Bu sunucu andığı bütün günleri /config event ile kapattı.',
  upcomingTurnedOff: (p: { count: number }) =>
    `Listede yok: bu sunucunun /config event ile kapattığı günler (${p.count}).`,
  upcomingLine: (p: { name: string; ordinal: string; when: string; relative: string }) =>
    `**${p.name}** — ${p.ordinal} yıl dönümü: ${p.when} (${p.relative})`,
  upcomingWhen: (p: { date: string; time: string; zone: string }) => `${p.date}, ${p.time} (${p.zone})`,

  sourceSupports: 'Dayanak olduğu bilgiler',
  sourceCite: (p: { citation: string }) => `Atıf: ${p.citation}`,

  unknownPlace: (p: { query: string; suggestions: string }) =>
    `Veri kümesinde “${p.query}” adında bir yer yok. ${p.suggestions} mi demek istediniz? Yazarken listeden bir ad seçin.`,
  unknownPlaceNoSuggestion: (p: { query: string }) =>
    `Veri kümesinde “${p.query}” adında bir yer yok. Yazarken listeden bir ad seçin ya da /timeline komutuna bakın.`,
  or: 'ya da',

  noticeOccupationTitle: (p: { name: string; ordinal: string }) =>
    `${p.name}: işgalin ${p.ordinal} yıl dönümü`,
  noticeOccupationBody: (p: { date: string; years: string }) =>
    `Kaynağın verdiği tarihe göre ${p.date} tarihinde işgal edildi — ${p.years} önce. Unutmuyoruz.`,
  noticeMassacreTitle: (p: { name: string; ordinal: string }) => `${p.name}: ${p.ordinal} yıl dönümü`,
  nameAndFiguresAccordingTo: (p: { citation: string }) =>
    `Ad ve rakamlar şu kaynağa dayanıyor: ${p.citation}.`,
  noticeMassacreBody: (p: { night: string; years: string }) =>
    `${p.night} gecesi — ${p.years} önce. Hocalı halkını anıyoruz.`,
  noticePreviewLabel:
    '**Önizleme** — bildirimlerin burada nasıl görüneceğini gösteren bir deneme; yıl dönümü gönderisi değildir.',
  noticePreviewFooter: 'Önizleme',
  noticeFooter: (p: { date: string }) => `Anma günü: ${p.date}`,
  days: (n: number) => `${n} gün`,
  reminderLabel: (p: { days: string }) => `**Hatırlatma:** bu yıl dönümüne ${p.days} kaldı.`,

  configTitle: 'Bu sunucudaki yıl dönümü bildirimleri',
  configChannel: 'Kanal',
  configZone: 'Saat dilimi',
  configTime: 'Yerel saat',
  configReminder: 'Hatırlatma',
  configReminderOff: 'yok',
  configReminderValue: (p: { days: string }) => `${p.days} önce`,
  reminderOf: (p: { name: string }) => `Hatırlatma: ${p.name}`,
  reminderAhead: (p: { name: string; days: string }) => `Hatırlatma: ${p.name}, ${p.days} sonra`,
  updatedReminder: (p: { days: string }) =>
    `Her yıl dönümünden ${p.days} önce aynı saatte ve aynı kanalda hatırlatma gönderilecek.`,
  updatedReminderOff: 'Artık önceden hatırlatma yok; yıl dönümlerinin kendisi yine gönderilir.',
  configRole: 'Bahsedilecek rol',
  configLanguage: 'Dil',
  configStatus: 'Durum',
  configEvents: 'Yıl dönümleri',
  configNext: 'Sıradaki gönderiler',
  configProblems: 'İlgilenilmesi gerekenler',
  configTrouble: 'Gönderilemeyen son yıl dönümleri',
  configNotSet: 'seçilmedi',
  configNobody: 'yok',
  configActive: 'etkin',
  configPausedBy: (p: { why: string }) => `duraklatıldı — ${p.why}`,
  configNoNext: 'yok: bildirimler duraklatıldı ya da kanal seçilmedi',
  configEventOn: 'açık',
  configEventOff: 'kapalı',
  configNextLine: (p: { name: string; at: string; relative: string }) =>
    `${p.name} · ${p.at} (${p.relative})`,
  troubleMissed: (p: { name: string; year: number }) =>
    `${p.name} ${p.year}: kaçırıldı — bot o gün çalışmıyordu`,
  troubleFailed: (p: { name: string; year: number; reason: string }) =>
    `${p.name} ${p.year}: gönderilemedi — ${p.reason}`,
  publishPending: (p: { name: string; year: number; reason: string; at: string }) =>
    `${p.name} ${p.year}: kanalda gönderildi, takip eden sunuculara henüz yayımlanmadı — ${p.reason}; yeniden deneme ${p.at}`,
  publishFailed: (p: { name: string; year: number; reason: string }) =>
    `${p.name} ${p.year}: kanalda gönderildi, ama takip eden sunuculara yayımlanmadı — ${p.reason}`,
  publishRateLimited: 'Discord’un bu kanalda saatte 10 yayım sınırına ulaşıldı',
  publishNeedsPermission: 'bildirimi yayımlamak için botun duyuru kanalında Mesaj Gönder iznine ihtiyacı var',
  publishDayEnded: 'yıl dönümü günü yayımlanamadan bitti',
  troubleUncertain: (p: { name: string; year: number }) =>
    `${p.name} ${p.year}: belirsiz — denemenin sonucu bilinmiyor ve bot kanal geçmişini okuyamadığı için yeniden göndermedi; kanala bakın ve bota orada Mesaj Geçmişini Oku iznini verin`,
  troubleDiscordError: (p: { detail: string }) => `Discord’un yanıtı: “${p.detail}”`,
  troubleDayEnded: 'Discord gönderiyi kabul etmeden gün bitti',

  pauseReasonAdmin: 'bir yönetici tarafından; devam etmek için /config resume kullanın',
  pauseReasonChannelDeleted: 'kanal silindi; /config channel ile başka bir kanal seçin',
  pauseReasonMissingAccess:
    'bot kanalı göremiyor (Missing Access); ona orada Kanalı Görüntüle iznini verin, sonra /config channel komutunu yeniden çalıştırın',
  pauseReasonMissingPermissions: (p: { detail: string }) =>
    `botun kanalda izinleri eksik (${p.detail}); izinleri verin, sonra /config channel komutunu yeniden çalıştırın`,
  pauseReasonUnknownChannel: 'Discord bu kanalı artık tanımıyor; /config channel ile başka bir kanal seçin',
  problemNoChannel: 'Kanal seçilmedi: /config channel ile bir kanal seçin.',
  problemChannelMissing:
    'Kanal artık yok ya da bot onu göremiyor: /config channel ile başka bir kanal seçin.',
  problemPermissions: (p: { permissions: string }) =>
    `Botun kanalda şu izinleri eksik: ${p.permissions}. İzinleri orada verin ya da başka bir kanal seçin.`,
  problemAllOff: 'Tüm yıl dönümleri kapalı: /config event ile en az birini açın.',
  problemPaused: (p: { why: string }) => `Bildirimler duraklatıldı: ${p.why}.`,

  updatedChannel: (p: { channel: string }) => `Bildirimler ${p.channel} kanalına gönderilecek.`,
  updatedZone: (p: { zone: string }) => `Saat dilimi: ${p.zone}.`,
  updatedTime: (p: { time: string }) => `Bildirim saati: ${p.time} (yerel saat).`,
  updatedRole: (p: { role: string }) => `Bildirimlerde ${p.role} rolünden bahsedilecek.`,
  updatedRoleCleared: 'Bildirimlerde kimseden bahsedilmeyecek.',
  updatedEventOn: (p: { name: string }) => `${p.name} bildirimi gönderilecek.`,
  updatedEventOff: (p: { name: string }) => `${p.name} bildirimi gönderilmeyecek.`,
  updatedLanguage: 'Bu sunucudaki bildirimler Türkçe yazılacak.',
  updatedPause: 'Bildirimler duraklatıldı. Yeniden başlatmak için /config resume kullanın.',
  updatedResume: 'Bildirimler yeniden başladı.',
  updatedNext: (p: { name: string; at: string; relative: string }) =>
    `Sıradaki gönderi: ${p.name} — ${p.at} (${p.relative}).`,
  updatedNoNext: 'Aşağıdaki sorunlar giderilene kadar gönderi planlanmayacak.',

  testPosted: (p: { channel: string; name: string }) =>
    `${p.name} bildiriminin etiketli bir önizlemesi ${p.channel} kanalına gönderildi. Bu, yıl dönümü gönderisi sayılmaz.`,
  testFailed: (p: { channel: string; why: string }) =>
    `Önizleme ${p.channel} kanalına gönderilemedi: ${p.why}`,
  testRefused: (p: { permissions: string }) =>
    `Discord reddetti: botun o kanalda ${p.permissions} izinlerine ihtiyacı var. Bunları kanalın izinlerinden verin, sonra /config test komutunu yeniden çalıştırın. Bildirimler duraklatılmadı.`,
  testSendFailed: (p: { detail: string }) =>
    `Discord’un yanıtı: ${p.detail}. Bir dakika sonra yeniden deneyin.`,

  errorZone: (p: { value: string }) =>
    `“${p.value}” bir saat dilimi değil. Asia/Baku ya da Europe/Berlin gibi bir IANA adı kullanın (yazarken listeden seçin). Hiçbir şey değiştirilmedi.`,
  errorTime: (p: { value: string }) =>
    `“${p.value}” bir saat değil. 9, 9:00, 09:00 ya da 21:30 gibi 24 saat biçimini kullanın. Hiçbir şey değiştirilmedi.`,
  errorChannelType:
    'Bildirimler yalnızca bir metin ya da duyuru kanalına gönderilebilir. Bunlardan birini seçin. Hiçbir şey değiştirilmedi.',
  errorChannelUnknown:
    'Bot bu kanalı göremiyor. Görebildiği bir metin ya da duyuru kanalı seçin. Hiçbir şey değiştirilmedi.',
  errorChannelPermissions: (p: { channel: string; permissions: string }) =>
    `Botun ${p.channel} kanalında şu izinleri eksik: ${p.permissions}. İzinleri orada verip yeniden deneyin. Hiçbir şey değiştirilmedi.`,
  errorRoleUnknown: 'Bot bu rolü bulamıyor. Başka bir rol seçin. Hiçbir şey değiştirilmedi.',
  errorRoleManaged:
    'Bu rol bir bota ya da entegrasyona ait; bildirimlerde ondan bahsedilemez. Başka bir rol seçin. Hiçbir şey değiştirilmedi.',
  errorRoleNotMentionable:
    'Bot bu rolden bahsedemiyor: Sunucu Ayarları → Roller bölümünde rolü bahsedilebilir yapın ya da bildirim kanalında bota @everyone, @here ve Tüm Rollerden Bahset iznini verin. Hiçbir şey değiştirilmedi.',
  errorEveryoneNotAllowed:
    'Botun @everyone’dan bahsedebilmesi için bildirim kanalında @everyone, @here ve Tüm Rollerden Bahset izni gerekir; izni verip yeniden deneyin. Hiçbir şey değiştirilmedi.',
  errorUnknownEvent: (p: { value: string }) =>
    `“${p.value}” botun gönderdiği bir yıl dönümü değil. Yazarken listeden birini seçin. Hiçbir şey değiştirilmedi.`,
  errorLanguage: 'Listeden English, Azərbaycanca, Русский ya da Türkçe seçin. Hiçbir şey değiştirilmedi.',
  errorNoChannel: 'Henüz kanal seçilmedi. Önce /config channel ile bir kanal seçin.',
  errorNotPaused: 'Bildirimler duraklatılmadı; devam ettirilecek bir şey yok.',
  errorOptions:
    'Seçenekler botun beklediğiyle uyuşmadı (Discord komutun eski sürümünü gösteriyor olabilir). Bir dakika sonra yeniden deneyin. Hiçbir şey değiştirilmedi.',
  errorAlreadyPaused: 'Bildirimler zaten duraklatıldı. Yeniden başlatmak için /config resume kullanın.',

  historyTitle: 'Bu ayarlardaki değişiklikler',
  historyEmpty:
    'Henüz kaydedilmiş bir değişiklik yok. /config ile yapılan değişiklikler burada, en yenisi önce listelenir.',
  historyLine: (p: { when: string; who: string; what: string }) => `${p.when} · ${p.who} · ${p.what}`,
  historyChange: (p: { label: string; from: string; to: string }) => `${p.label}: ${p.from} → ${p.to}`,
  historyPaused: 'duraklatıldı',
  historyPausedByDiscord: 'duraklatıldı (Discord gönderileri reddetti)',
  configEventsTab: 'Etkinlikler sekmesi',
  problemEventsPermission:
    'Etkinlikler sekmesi açık ama bot etkinlik oluşturamıyor: ona Etkinlik Oluştur iznini verin (Sunucu Ayarları → Roller) ya da sekmeyi /config events enabled:False ile kapatın.',
  updatedEventsTabOn:
    'Yaklaşan yıl dönümleri birkaç dakika içinde sunucunun Etkinlikler sekmesinde, her biri 14 gün önceden görünecek.',
  updatedEventsTabOff: 'Botun yıl dönümü etkinlikleri Etkinlikler sekmesinden kaldırılıyor.',
  problemEventsLimit:
    'Etkinlikler sekmesi dolu: Discord sunucu başına 100 planlanmış etkinliğe izin verir. Bazılarını bitirin ya da silin; bot yıl dönümlerini beş dakika içinde ekler.',
  problemEventsRefused:
    'Discord, Etkinlikler sekmesi için bir yıl dönümü etkinliğini reddetti; bot beş dakikada bir yeniden dener. Böyle kalırsa sekmeyi /config events ile kapatıp yeniden açın.',
  errorEventsPermission:
    'Yıl dönümlerini Etkinlikler sekmesinde göstermek için botun bu sunucuda Etkinlik Oluştur (ya da Etkinlikleri Yönet) iznine ihtiyacı var: Sunucu Ayarları → Roller bölümünden verip yeniden deneyin. Hiçbir şey değiştirilmedi.',
  historyPrevious: 'Önceki',
  historyNext: 'Sonraki',
  historyFooter: (p: { page: number; pages: number; total: number }) =>
    `Sayfa ${p.page} / ${p.pages} · saklanan değişiklik: ${p.total} (bir yıl, en çok 500)`,

  permissionViewChannel: 'Kanalı Görüntüle',
  permissionSendMessages: 'Mesaj Gönder',
  permissionReadMessageHistory: 'Mesaj Geçmişini Oku',
  permissionEmbedLinks: 'Bağlantı Yerleştir',
  permissionAttachFiles: 'Dosya Ekle',
  permissionCreateEvents: 'Etkinlik Oluştur',

  errorGuildOnly: 'Bu komut yalnızca bir sunucuda çalışır. Hiçbir şey değiştirilmedi.',
  errorManageGuild:
    'Botun ayarlarını yalnızca Sunucuyu Yönet iznine sahip üyeler değiştirebilir. Hiçbir şey değiştirilmedi.',
  errorUnknownCommand: (p: { name: string }) =>
    `/${p.name} komutu botun bu sürümünde yok. Hiçbir şey değiştirilmedi; bir dakika sonra yeniden deneyin.`,
  errorCount: (p: { min: number; max: number }) =>
    `${p.min} ile ${p.max} arasında bir sayı seçin. Hiçbir şey değiştirilmedi.`,
  errorStoreUnavailable:
    'Ayarlar geçici olarak kullanılamıyor: bot veritabanına ulaşamıyor. Hiçbir şey değiştirilmedi; lütfen birkaç dakika sonra tekrar deneyin.',
  errorInternal: (p: { id: string }) =>
    `Bizim tarafımızda bir sorun oluştu; hiçbir şey değiştirilmedi. Bildirirseniz şu kimliği belirtin: ${p.id}.`,
};
