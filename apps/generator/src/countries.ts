/**
 * The world the generator draws from: beneficiary states with their IDF region, the
 * languages their proposals are written in and their names in those languages (from CLDR,
 * frozen here so that a seed gives the same texts on every Node.js version).
 */

export type Language = 'en' | 'fr' | 'ru' | 'ar' | 'ka' | 'es';
export const LANGUAGES: readonly Language[] = ['en', 'fr', 'ru', 'ar', 'ka', 'es'];

export interface Country {
  /** ISO 3166-1 alpha-2 */
  code: string;
  /** Code of the fund's regions code list. */
  region: string;
  /** Languages a proposal for this state is written in, besides English. */
  languages: readonly Language[];
  names: Readonly<Record<Language, string>>;
}

export const COUNTRIES: readonly Country[] = [
  // africa
  { code: 'MA', region: 'africa', languages: ['ar', 'fr'], names: { en: 'Morocco', fr: 'Maroc', ru: 'Марокко', ar: 'المغرب', ka: 'მაროკო', es: 'Marruecos' } },
  { code: 'TN', region: 'africa', languages: ['ar', 'fr'], names: { en: 'Tunisia', fr: 'Tunisie', ru: 'Тунис', ar: 'تونس', ka: 'ტუნისი', es: 'Túnez' } },
  { code: 'MR', region: 'africa', languages: ['ar', 'fr'], names: { en: 'Mauritania', fr: 'Mauritanie', ru: 'Мавритания', ar: 'موريتانيا', ka: 'მავრიტანია', es: 'Mauritania' } },
  { code: 'EG', region: 'africa', languages: ['ar'], names: { en: 'Egypt', fr: 'Égypte', ru: 'Египет', ar: 'مصر', ka: 'ეგვიპტე', es: 'Egipto' } },
  { code: 'SD', region: 'africa', languages: ['ar'], names: { en: 'Sudan', fr: 'Soudan', ru: 'Судан', ar: 'السودان', ka: 'სუდანი', es: 'Sudán' } },
  { code: 'DJ', region: 'africa', languages: ['fr', 'ar'], names: { en: 'Djibouti', fr: 'Djibouti', ru: 'Джибути', ar: 'جيبوتي', ka: 'ჯიბუტი', es: 'Yibuti' } },
  { code: 'SN', region: 'africa', languages: ['fr'], names: { en: 'Senegal', fr: 'Sénégal', ru: 'Сенегал', ar: 'السنغال', ka: 'სენეგალი', es: 'Senegal' } },
  { code: 'ML', region: 'africa', languages: ['fr'], names: { en: 'Mali', fr: 'Mali', ru: 'Мали', ar: 'مالي', ka: 'მალი', es: 'Mali' } },
  { code: 'NE', region: 'africa', languages: ['fr'], names: { en: 'Niger', fr: 'Niger', ru: 'Нигер', ar: 'النيجر', ka: 'ნიგერი', es: 'Níger' } },
  { code: 'BF', region: 'africa', languages: ['fr'], names: { en: 'Burkina Faso', fr: 'Burkina Faso', ru: 'Буркина-Фасо', ar: 'بوركينا فاسو', ka: 'ბურკინა-ფასო', es: 'Burkina Faso' } },
  { code: 'CI', region: 'africa', languages: ['fr'], names: { en: 'Côte d’Ivoire', fr: 'Côte d’Ivoire', ru: 'Кот-д’Ивуар', ar: 'ساحل العاج', ka: 'კოტ-დივუარი', es: 'Costa de Marfil' } },
  { code: 'CM', region: 'africa', languages: ['fr'], names: { en: 'Cameroon', fr: 'Cameroun', ru: 'Камерун', ar: 'الكاميرون', ka: 'კამერუნი', es: 'Camerún' } },
  { code: 'BJ', region: 'africa', languages: ['fr'], names: { en: 'Benin', fr: 'Bénin', ru: 'Бенин', ar: 'بنين', ka: 'ბენინი', es: 'Benín' } },
  { code: 'TG', region: 'africa', languages: ['fr'], names: { en: 'Togo', fr: 'Togo', ru: 'Того', ar: 'توغو', ka: 'ტოგო', es: 'Togo' } },
  { code: 'GN', region: 'africa', languages: ['fr'], names: { en: 'Guinea', fr: 'Guinée', ru: 'Гвинея', ar: 'غينيا', ka: 'გვინეა', es: 'Guinea' } },
  { code: 'MG', region: 'africa', languages: ['fr'], names: { en: 'Madagascar', fr: 'Madagascar', ru: 'Мадагаскар', ar: 'مدغشقر', ka: 'მადაგასკარი', es: 'Madagascar' } },
  { code: 'TD', region: 'africa', languages: ['fr', 'ar'], names: { en: 'Chad', fr: 'Tchad', ru: 'Чад', ar: 'تشاد', ka: 'ჩადი', es: 'Chad' } },
  { code: 'CD', region: 'africa', languages: ['fr'], names: { en: 'Democratic Republic of the Congo', fr: 'République démocratique du Congo', ru: 'Демократическая Республика Конго', ar: 'جمهورية الكونغو الديمقراطية', ka: 'კონგოს დემოკრატიული რესპუბლიკა', es: 'República Democrática del Congo' } },
  { code: 'GH', region: 'africa', languages: [], names: { en: 'Ghana', fr: 'Ghana', ru: 'Гана', ar: 'غانا', ka: 'განა', es: 'Ghana' } },
  { code: 'NG', region: 'africa', languages: [], names: { en: 'Nigeria', fr: 'Nigeria', ru: 'Нигерия', ar: 'نيجيريا', ka: 'ნიგერია', es: 'Nigeria' } },
  { code: 'KE', region: 'africa', languages: [], names: { en: 'Kenya', fr: 'Kenya', ru: 'Кения', ar: 'كينيا', ka: 'კენია', es: 'Kenia' } },
  { code: 'ET', region: 'africa', languages: [], names: { en: 'Ethiopia', fr: 'Éthiopie', ru: 'Эфиопия', ar: 'إثيوبيا', ka: 'ეთიოპია', es: 'Etiopía' } },
  { code: 'UG', region: 'africa', languages: [], names: { en: 'Uganda', fr: 'Ouganda', ru: 'Уганда', ar: 'أوغندا', ka: 'უგანდა', es: 'Uganda' } },
  { code: 'TZ', region: 'africa', languages: [], names: { en: 'Tanzania', fr: 'Tanzanie', ru: 'Танзания', ar: 'تنزانيا', ka: 'ტანზანია', es: 'Tanzania' } },
  { code: 'ZM', region: 'africa', languages: [], names: { en: 'Zambia', fr: 'Zambie', ru: 'Замбия', ar: 'زامبيا', ka: 'ზამბია', es: 'Zambia' } },
  { code: 'ZW', region: 'africa', languages: [], names: { en: 'Zimbabwe', fr: 'Zimbabwe', ru: 'Зимбабве', ar: 'زيمبابوي', ka: 'ზიმბაბვე', es: 'Zimbabue' } },
  { code: 'RW', region: 'africa', languages: [], names: { en: 'Rwanda', fr: 'Rwanda', ru: 'Руанда', ar: 'رواندا', ka: 'რუანდა', es: 'Ruanda' } },
  { code: 'MW', region: 'africa', languages: [], names: { en: 'Malawi', fr: 'Malawi', ru: 'Малави', ar: 'ملاوي', ka: 'მალავი', es: 'Malaui' } },
  { code: 'MZ', region: 'africa', languages: [], names: { en: 'Mozambique', fr: 'Mozambique', ru: 'Мозамбик', ar: 'موزمبيق', ka: 'მოზამბიკი', es: 'Mozambique' } },
  { code: 'SL', region: 'africa', languages: [], names: { en: 'Sierra Leone', fr: 'Sierra Leone', ru: 'Сьерра-Леоне', ar: 'سيراليون', ka: 'სიერა-ლეონე', es: 'Sierra Leona' } },
  { code: 'LR', region: 'africa', languages: [], names: { en: 'Liberia', fr: 'Liberia', ru: 'Либерия', ar: 'ليبيريا', ka: 'ლიბერია', es: 'Liberia' } },
  { code: 'GM', region: 'africa', languages: [], names: { en: 'Gambia', fr: 'Gambie', ru: 'Гамбия', ar: 'غامبيا', ka: 'გამბია', es: 'Gambia' } },
  { code: 'CV', region: 'africa', languages: [], names: { en: 'Cabo Verde', fr: 'Cap-Vert', ru: 'Кабо-Верде', ar: 'الرأس الأخضر', ka: 'კაბო-ვერდე', es: 'Cabo Verde' } },
  { code: 'AO', region: 'africa', languages: [], names: { en: 'Angola', fr: 'Angola', ru: 'Ангола', ar: 'أنغولا', ka: 'ანგოლა', es: 'Angola' } },
  // asia-and-oceania
  { code: 'KG', region: 'asia-and-oceania', languages: ['ru'], names: { en: 'Kyrgyzstan', fr: 'Kirghizstan', ru: 'Кыргызстан', ar: 'قيرغيزستان', ka: 'ყირგიზეთი', es: 'Kirguistán' } },
  { code: 'KZ', region: 'asia-and-oceania', languages: ['ru'], names: { en: 'Kazakhstan', fr: 'Kazakhstan', ru: 'Казахстан', ar: 'كازاخستان', ka: 'ყაზახეთი', es: 'Kazajistán' } },
  { code: 'TJ', region: 'asia-and-oceania', languages: ['ru'], names: { en: 'Tajikistan', fr: 'Tadjikistan', ru: 'Таджикистан', ar: 'طاجيكستان', ka: 'ტაჯიკეთი', es: 'Tayikistán' } },
  { code: 'UZ', region: 'asia-and-oceania', languages: ['ru'], names: { en: 'Uzbekistan', fr: 'Ouzbékistan', ru: 'Узбекистан', ar: 'أوزبكستان', ka: 'უზბეკეთი', es: 'Uzbekistán' } },
  { code: 'TM', region: 'asia-and-oceania', languages: ['ru'], names: { en: 'Turkmenistan', fr: 'Turkménistan', ru: 'Туркменистан', ar: 'تركمانستان', ka: 'თურქმენეთი', es: 'Turkmenistán' } },
  { code: 'MN', region: 'asia-and-oceania', languages: [], names: { en: 'Mongolia', fr: 'Mongolie', ru: 'Монголия', ar: 'منغوليا', ka: 'მონღოლეთი', es: 'Mongolia' } },
  { code: 'BD', region: 'asia-and-oceania', languages: [], names: { en: 'Bangladesh', fr: 'Bangladesh', ru: 'Бангладеш', ar: 'بنغلاديش', ka: 'ბანგლადეში', es: 'Bangladés' } },
  { code: 'LK', region: 'asia-and-oceania', languages: [], names: { en: 'Sri Lanka', fr: 'Sri Lanka', ru: 'Шри-Ланка', ar: 'سريلانكا', ka: 'შრი-ლანკა', es: 'Sri Lanka' } },
  { code: 'NP', region: 'asia-and-oceania', languages: [], names: { en: 'Nepal', fr: 'Népal', ru: 'Непал', ar: 'نيبال', ka: 'ნეპალი', es: 'Nepal' } },
  { code: 'PK', region: 'asia-and-oceania', languages: [], names: { en: 'Pakistan', fr: 'Pakistan', ru: 'Пакистан', ar: 'باكستان', ka: 'პაკისტანი', es: 'Pakistán' } },
  { code: 'PH', region: 'asia-and-oceania', languages: [], names: { en: 'Philippines', fr: 'Philippines', ru: 'Филиппины', ar: 'الفلبين', ka: 'ფილიპინები', es: 'Filipinas' } },
  { code: 'ID', region: 'asia-and-oceania', languages: [], names: { en: 'Indonesia', fr: 'Indonésie', ru: 'Индонезия', ar: 'إندونيسيا', ka: 'ინდონეზია', es: 'Indonesia' } },
  { code: 'VN', region: 'asia-and-oceania', languages: [], names: { en: 'Vietnam', fr: 'Viêt Nam', ru: 'Вьетнам', ar: 'فيتنام', ka: 'ვიეტნამი', es: 'Vietnam' } },
  { code: 'KH', region: 'asia-and-oceania', languages: [], names: { en: 'Cambodia', fr: 'Cambodge', ru: 'Камбоджа', ar: 'كمبوديا', ka: 'კამბოჯა', es: 'Camboya' } },
  { code: 'LA', region: 'asia-and-oceania', languages: [], names: { en: 'Laos', fr: 'Laos', ru: 'Лаос', ar: 'لاوس', ka: 'ლაოსი', es: 'Laos' } },
  { code: 'TH', region: 'asia-and-oceania', languages: [], names: { en: 'Thailand', fr: 'Thaïlande', ru: 'Таиланд', ar: 'تايلاند', ka: 'ტაილანდი', es: 'Tailandia' } },
  { code: 'TL', region: 'asia-and-oceania', languages: [], names: { en: 'Timor-Leste', fr: 'Timor-Leste', ru: 'Восточный Тимор', ar: 'تيمور - ليشتي', ka: 'ტიმორ-ლესტე', es: 'Timor-Leste' } },
  { code: 'PG', region: 'asia-and-oceania', languages: [], names: { en: 'Papua New Guinea', fr: 'Papouasie-Nouvelle-Guinée', ru: 'Папуа — Новая Гвинея', ar: 'بابوا غينيا الجديدة', ka: 'პაპუა-ახალი გვინეა', es: 'Papúa Nueva Guinea' } },
  { code: 'FJ', region: 'asia-and-oceania', languages: [], names: { en: 'Fiji', fr: 'Fidji', ru: 'Фиджи', ar: 'فيجي', ka: 'ფიჯი', es: 'Fiyi' } },
  { code: 'VU', region: 'asia-and-oceania', languages: [], names: { en: 'Vanuatu', fr: 'Vanuatu', ru: 'Вануату', ar: 'فانواتو', ka: 'ვანუატუ', es: 'Vanuatu' } },
  { code: 'SB', region: 'asia-and-oceania', languages: [], names: { en: 'Solomon Islands', fr: 'Îles Salomon', ru: 'Соломоновы Острова', ar: 'جزر سليمان', ka: 'სოლომონის კუნძულები', es: 'Islas Salomón' } },
  { code: 'JO', region: 'asia-and-oceania', languages: ['ar'], names: { en: 'Jordan', fr: 'Jordanie', ru: 'Иордания', ar: 'الأردن', ka: 'იორდანია', es: 'Jordania' } },
  { code: 'LB', region: 'asia-and-oceania', languages: ['ar', 'fr'], names: { en: 'Lebanon', fr: 'Liban', ru: 'Ливан', ar: 'لبنان', ka: 'ლიბანი', es: 'Líbano' } },
  { code: 'IQ', region: 'asia-and-oceania', languages: ['ar'], names: { en: 'Iraq', fr: 'Irak', ru: 'Ирак', ar: 'العراق', ka: 'ერაყი', es: 'Irak' } },
  { code: 'YE', region: 'asia-and-oceania', languages: ['ar'], names: { en: 'Yemen', fr: 'Yémen', ru: 'Йемен', ar: 'اليمن', ka: 'იემენი', es: 'Yemen' } },
  // europe
  { code: 'GE', region: 'europe', languages: ['ka'], names: { en: 'Georgia', fr: 'Géorgie', ru: 'Грузия', ar: 'جورجيا', ka: 'საქართველო', es: 'Georgia' } },
  { code: 'AM', region: 'europe', languages: ['ru'], names: { en: 'Armenia', fr: 'Arménie', ru: 'Армения', ar: 'أرمينيا', ka: 'სომხეთი', es: 'Armenia' } },
  { code: 'AZ', region: 'europe', languages: ['ru'], names: { en: 'Azerbaijan', fr: 'Azerbaïdjan', ru: 'Азербайджан', ar: 'أذربيجان', ka: 'აზერბაიჯანი', es: 'Azerbaiyán' } },
  { code: 'MD', region: 'europe', languages: ['ru'], names: { en: 'Moldova', fr: 'Moldavie', ru: 'Молдова', ar: 'مولدوفا', ka: 'მოლდოვა', es: 'Moldavia' } },
  { code: 'UA', region: 'europe', languages: [], names: { en: 'Ukraine', fr: 'Ukraine', ru: 'Украина', ar: 'أوكرانيا', ka: 'უკრაინა', es: 'Ucrania' } },
  { code: 'BY', region: 'europe', languages: ['ru'], names: { en: 'Belarus', fr: 'Biélorussie', ru: 'Беларусь', ar: 'بيلاروس', ka: 'ბელარუსი', es: 'Bielorrusia' } },
  { code: 'AL', region: 'europe', languages: [], names: { en: 'Albania', fr: 'Albanie', ru: 'Албания', ar: 'ألبانيا', ka: 'ალბანეთი', es: 'Albania' } },
  { code: 'BA', region: 'europe', languages: [], names: { en: 'Bosnia and Herzegovina', fr: 'Bosnie-Herzégovine', ru: 'Босния и Герцеговина', ar: 'البوسنة والهرسك', ka: 'ბოსნია და ჰერცეგოვინა', es: 'Bosnia y Herzegovina' } },
  { code: 'ME', region: 'europe', languages: [], names: { en: 'Montenegro', fr: 'Monténégro', ru: 'Черногория', ar: 'الجبل الأسود', ka: 'მონტენეგრო', es: 'Montenegro' } },
  { code: 'MK', region: 'europe', languages: [], names: { en: 'North Macedonia', fr: 'Macédoine du Nord', ru: 'Северная Македония', ar: 'مقدونيا الشمالية', ka: 'ჩრდილოეთ მაკედონია', es: 'Macedonia del Norte' } },
  { code: 'RS', region: 'europe', languages: [], names: { en: 'Serbia', fr: 'Serbie', ru: 'Сербия', ar: 'صربيا', ka: 'სერბეთი', es: 'Serbia' } },
  { code: 'TR', region: 'europe', languages: [], names: { en: 'Türkiye', fr: 'Turquie', ru: 'Турция', ar: 'تركيا', ka: 'თურქეთი', es: 'Turquía' } },
  // latin-america-and-the-caribbean
  { code: 'EC', region: 'latin-america-and-the-caribbean', languages: ['es'], names: { en: 'Ecuador', fr: 'Équateur', ru: 'Эквадор', ar: 'الإكوادور', ka: 'ეკვადორი', es: 'Ecuador' } },
  { code: 'PE', region: 'latin-america-and-the-caribbean', languages: ['es'], names: { en: 'Peru', fr: 'Pérou', ru: 'Перу', ar: 'بيرو', ka: 'პერუ', es: 'Perú' } },
  { code: 'BO', region: 'latin-america-and-the-caribbean', languages: ['es'], names: { en: 'Bolivia', fr: 'Bolivie', ru: 'Боливия', ar: 'بوليفيا', ka: 'ბოლივია', es: 'Bolivia' } },
  { code: 'CO', region: 'latin-america-and-the-caribbean', languages: ['es'], names: { en: 'Colombia', fr: 'Colombie', ru: 'Колумбия', ar: 'كولومبيا', ka: 'კოლუმბია', es: 'Colombia' } },
  { code: 'GT', region: 'latin-america-and-the-caribbean', languages: ['es'], names: { en: 'Guatemala', fr: 'Guatemala', ru: 'Гватемала', ar: 'غواتيمالا', ka: 'გვატემალა', es: 'Guatemala' } },
  { code: 'HN', region: 'latin-america-and-the-caribbean', languages: ['es'], names: { en: 'Honduras', fr: 'Honduras', ru: 'Гондурас', ar: 'هندوراس', ka: 'ჰონდურასი', es: 'Honduras' } },
  { code: 'SV', region: 'latin-america-and-the-caribbean', languages: ['es'], names: { en: 'El Salvador', fr: 'Salvador', ru: 'Сальвадор', ar: 'السلفادور', ka: 'სალვადორი', es: 'El Salvador' } },
  { code: 'NI', region: 'latin-america-and-the-caribbean', languages: ['es'], names: { en: 'Nicaragua', fr: 'Nicaragua', ru: 'Никарагуа', ar: 'نيكاراغوا', ka: 'ნიკარაგუა', es: 'Nicaragua' } },
  { code: 'PY', region: 'latin-america-and-the-caribbean', languages: ['es'], names: { en: 'Paraguay', fr: 'Paraguay', ru: 'Парагвай', ar: 'باراغواي', ka: 'პარაგვაი', es: 'Paraguay' } },
  { code: 'DO', region: 'latin-america-and-the-caribbean', languages: ['es'], names: { en: 'Dominican Republic', fr: 'République dominicaine', ru: 'Доминиканская Республика', ar: 'جمهورية الدومينيكان', ka: 'დომინიკელთა რესპუბლიკა', es: 'República Dominicana' } },
  { code: 'HT', region: 'latin-america-and-the-caribbean', languages: ['fr'], names: { en: 'Haiti', fr: 'Haïti', ru: 'Гаити', ar: 'هايتي', ka: 'ჰაიტი', es: 'Haití' } },
  { code: 'JM', region: 'latin-america-and-the-caribbean', languages: [], names: { en: 'Jamaica', fr: 'Jamaïque', ru: 'Ямайка', ar: 'جامايكا', ka: 'იამაიკა', es: 'Jamaica' } },
  { code: 'BZ', region: 'latin-america-and-the-caribbean', languages: [], names: { en: 'Belize', fr: 'Belize', ru: 'Белиз', ar: 'بليز', ka: 'ბელიზი', es: 'Belice' } },
  { code: 'GY', region: 'latin-america-and-the-caribbean', languages: [], names: { en: 'Guyana', fr: 'Guyana', ru: 'Гайана', ar: 'غيانا', ka: 'გაიანა', es: 'Guyana' } },
  { code: 'SR', region: 'latin-america-and-the-caribbean', languages: [], names: { en: 'Suriname', fr: 'Suriname', ru: 'Суринам', ar: 'سورينام', ka: 'სურინამი', es: 'Surinam' } },
  { code: 'MX', region: 'latin-america-and-the-caribbean', languages: ['es'], names: { en: 'Mexico', fr: 'Mexique', ru: 'Мексика', ar: 'المكسيك', ka: 'მექსიკა', es: 'México' } },
  { code: 'CR', region: 'latin-america-and-the-caribbean', languages: ['es'], names: { en: 'Costa Rica', fr: 'Costa Rica', ru: 'Коста-Рика', ar: 'كوستاريكا', ka: 'კოსტა-რიკა', es: 'Costa Rica' } },
  { code: 'PA', region: 'latin-america-and-the-caribbean', languages: ['es'], names: { en: 'Panama', fr: 'Panama', ru: 'Панама', ar: 'بنما', ka: 'პანამა', es: 'Panamá' } },
  { code: 'UY', region: 'latin-america-and-the-caribbean', languages: ['es'], names: { en: 'Uruguay', fr: 'Uruguay', ru: 'Уругвай', ar: 'أورغواي', ka: 'ურუგვაი', es: 'Uruguay' } },
  { code: 'AR', region: 'latin-america-and-the-caribbean', languages: ['es'], names: { en: 'Argentina', fr: 'Argentine', ru: 'Аргентина', ar: 'الأرجنتين', ka: 'არგენტინა', es: 'Argentina' } },
  { code: 'CL', region: 'latin-america-and-the-caribbean', languages: ['es'], names: { en: 'Chile', fr: 'Chili', ru: 'Чили', ar: 'تشيلي', ka: 'ჩილე', es: 'Chile' } },
  { code: 'TT', region: 'latin-america-and-the-caribbean', languages: [], names: { en: 'Trinidad and Tobago', fr: 'Trinité-et-Tobago', ru: 'Тринидад и Тобаго', ar: 'ترينيداد وتوباغو', ka: 'ტრინიდადი და ტობაგო', es: 'Trinidad y Tobago' } },
];
