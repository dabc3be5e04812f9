import { normalizedForSearch, searchWords } from './search-normalization.js';

/** Whether the query finds the text the way the read stores search: every folded word is a substring. */
const finds = (text: string, query: string) => searchWords(query).every((word) => normalizedForSearch(text).includes(word));

describe('text search: what readers do not type', () => {
  describe('French', () => {
    const title = 'Amélioration de l’accès des migrants à l’Œuvre sociale — «Appui»';

    it.each(['amelioration', 'Amélioration', 'AMELIORATION', "l'acces", 'l’accès', 'oeuvre', 'œuvre', '"appui"', '«appui»'])('finds %p', (query) => {
      expect(finds(title, query)).toBe(true);
    });

    it('folds accents written decomposed the same as precomposed, and ligatures', () => {
      expect(normalizedForSearch('de\u0301cide\u0301e')).toBe('decidee');
      expect(normalizedForSearch('ﬁnancement')).toBe('financement');
      expect(finds(title, 'amelioracion')).toBe(false);
    });
  });

  describe('Spanish', () => {
    const title = 'Migración laboral: niñas y niños en Panamá, “protección” integral';

    it.each(['migracion', 'MIGRACIÓN', 'ninas', 'niños', 'panama', '"proteccion"'])('finds %p', (query) => {
      expect(finds(title, query)).toBe(true);
    });
  });

  describe('Russian', () => {
    const title = 'Ёмкость миграционной службы: объём ЁЛКИ и мой отчёт';

    it.each(['емкость', 'ёмкость', 'ОБЪЕМ', 'отчет', 'отчёт', 'елки', 'мой'])('finds %p', (query) => {
      expect(finds(title, query)).toBe(true);
    });

    it('folds ё to е, and keeps й apart from и (a letter of its own on every keyboard)', () => {
      expect(normalizedForSearch('Ёж')).toBe('еж');
      expect(normalizedForSearch('мой')).toBe('мой');
      expect(normalizedForSearch('мой')).not.toBe(normalizedForSearch('мои'));
      expect(finds('мои отчёты', 'мой')).toBe(false);
    });
  });

  describe('Arabic', () => {
    const description = 'دَعْمُ إِدارةِ الهِجْرَةِ فِي صِياغَةِ سِياسَةٍ وَطَنِيَّةٍ آمِنَةٍ لِلمُؤَسَّساتِ، رئيس المستشفى ٱلجديد، الهجـــرة';

    it.each([
      ['without harakat', 'الهجرة'],
      ['hamza under alef typed as bare alef', 'ادارة'],
      ['madda typed as bare alef', 'امنة'],
      ['hamza on waw typed as waw', 'للموسسات'],
      ['hamza on yeh typed as yeh', 'رييس'],
      ['alef maqsura typed as yeh', 'المستشفي'],
      ['alef wasla typed as bare alef', 'الجديد'],
      ['taa marbuta typed as heh', 'سياسه'],
      ['with harakat of its own', 'سِيَاسَة'],
    ])('finds a word %s (%p)', (_, query) => {
      expect(finds(description, query)).toBe(true);
    });

    it('drops tatweel, harakat and the superscript alef', () => {
      expect(normalizedForSearch('الهجـــرة')).toBe(normalizedForSearch('الهجرة'));
      expect(normalizedForSearch('هَٰذَا')).toBe('هذا');
      expect(finds(description, 'الهجرات')).toBe(false);
    });
  });

  describe('Georgian (no case)', () => {
    const title = 'მიგრაციის პოლიტიკის გაძლიერება საქართველოში';

    it('keeps Georgian letters as they are and finds them, Mtavruli capitals included', () => {
      expect(normalizedForSearch(title)).toBe(title);
      expect(finds(title, 'მიგრაციის')).toBe(true);
      expect(finds(title, 'ᲛᲘᲒᲠᲐᲪᲘᲘᲡ')).toBe(true);
      expect(finds(title, 'განვითარება')).toBe(false);
    });
  });

  describe('Latin letters with no decomposable accent, and case', () => {
    it.each([
      ['Straße', 'strasse'],
      ['ıslak İzmir', 'islak izmir'],
      ['Ærø Łódź Đakovo Þórshöfn', 'aero lodz dakovo thorshofn'],
      ['ΟΔΟΣ Όροι', 'οδοσ οροι'],
    ])('%p → %p', (text, folded) => {
      expect(normalizedForSearch(text)).toBe(folded);
    });

    it('maps typographic apostrophes and quotes to the ASCII ones, keeping words apart', () => {
      expect(normalizedForSearch('‘a’ ‛b´ ʼc` „d“ «e» ″f′')).toBe(`'a' 'b' 'c' "d" "e" "f'`);
      expect(searchWords('l’´accès')).toEqual(["l''acces"]);
    });

    it('leaves scripts it has nothing to fold in alone', () => {
      for (const text of ['हिन्दी', '한국어', 'ไทย', '中文', 'עברית']) expect(normalizedForSearch(text)).toBe(text.normalize('NFC'));
    });
  });
});
