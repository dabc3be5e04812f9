import type { Language } from './countries.js';

/**
 * What the generated proposals say: for each thematic area of the fund, titles and
 * descriptions as a fund manager would write them, in English, French, Russian, Arabic,
 * Georgian and Spanish; the people and organisations a project deals with; the reasons
 * approvers give. Short, plain texts, so that a search for a word in any of these
 * languages finds the projects about it.
 */

export type Texts = Readonly<Record<Language, readonly string[]>>;

export interface Theme {
  /** Code of the thematic-areas code list. */
  code: string;
  titles: Texts;
  descriptions: Texts;
  /** The counterpart institution that usually acts as focal point. */
  counterparts: readonly string[];
}

export const THEMES: readonly Theme[] = [
  {
    code: 'counter-trafficking',
    titles: {
      en: ['Strengthening the national response to trafficking in persons', 'Victim identification and referral for trafficked persons'],
      fr: ['Renforcement de la lutte contre la traite des personnes', 'Identification et orientation des victimes de la traite'],
      ru: ['Усиление противодействия торговле людьми', 'Выявление и перенаправление жертв торговли людьми'],
      ar: ['تعزيز مكافحة الاتجار بالبشر', 'تحديد ضحايا الاتجار بالبشر وإحالتهم'],
      ka: ['ადამიანით ვაჭრობის წინააღმდეგ ბრძოლის გაძლიერება', 'ადამიანით ვაჭრობის მსხვერპლთა იდენტიფიცირება'],
      es: ['Fortalecimiento de la lucha contra la trata de personas', 'Identificación y derivación de víctimas de trata'],
    },
    descriptions: {
      en: [
        'Trains prosecutors, labour inspectors and border officials to identify victims of trafficking and refer them to protection services.',
        'Supports the national coordination mechanism in drafting standard operating procedures for victim assistance.',
      ],
      fr: [
        'Forme les procureurs, les inspecteurs du travail et les agents des frontières à identifier les victimes de la traite et à les orienter vers les services de protection.',
        "Appuie le mécanisme national de coordination dans l'élaboration de procédures opérationnelles standard pour l'assistance aux victimes.",
      ],
      ru: [
        'Обучение прокуроров, трудовых инспекторов и пограничников выявлению жертв торговли людьми и их направлению в службы защиты.',
        'Поддержка национального координационного механизма в разработке стандартных процедур помощи пострадавшим.',
      ],
      ar: [
        'تدريب المدعين العامين ومفتشي العمل وموظفي الحدود على تحديد ضحايا الاتجار وإحالتهم إلى خدمات الحماية.',
        'دعم آلية التنسيق الوطنية في إعداد إجراءات تشغيل موحدة لمساعدة الضحايا.',
      ],
      ka: [
        'პროექტი ამზადებს პროკურორებს, შრომის ინსპექტორებსა და მესაზღვრეებს მსხვერპლთა იდენტიფიცირებისა და დაცვის სერვისებში გადამისამართებისთვის.',
        'პროექტი მხარს უჭერს ეროვნულ საკოორდინაციო მექანიზმს მსხვერპლთა დახმარების სტანდარტული პროცედურების შემუშავებაში.',
      ],
      es: [
        'Capacita a fiscales, inspectores de trabajo y funcionarios de frontera para identificar a las víctimas de trata y derivarlas a servicios de protección.',
        'Apoya al mecanismo nacional de coordinación en la elaboración de procedimientos operativos estándar para la asistencia a las víctimas.',
      ],
    },
    counterparts: ['Ministry of Interior', 'National Anti-Trafficking Commission', 'Office of the Prosecutor General'],
  },
  {
    code: 'inter-governmental-dialogue-and-cooperation',
    titles: {
      en: ['Regional consultative process on migration', 'Bilateral cooperation on migration governance'],
      fr: ['Processus consultatif régional sur la migration', 'Coopération bilatérale en matière de gouvernance des migrations'],
      ru: ['Региональный консультативный процесс по миграции', 'Двустороннее сотрудничество в сфере управления миграцией'],
      ar: ['عملية تشاورية إقليمية بشأن الهجرة', 'التعاون الثنائي في مجال حوكمة الهجرة'],
      ka: ['რეგიონული საკონსულტაციო პროცესი მიგრაციის საკითხებზე', 'ორმხრივი თანამშრომლობა მიგრაციის მართვის სფეროში'],
      es: ['Proceso consultivo regional sobre migración', 'Cooperación bilateral en gobernanza migratoria'],
    },
    descriptions: {
      en: [
        'Convenes senior officials of the participating states to agree on a joint action plan and a common data-sharing protocol.',
        "Supports ministerial meetings and technical working groups on the protection of migrants' rights.",
      ],
      fr: [
        "Réunit les hauts fonctionnaires des États participants pour adopter un plan d'action conjoint et un protocole commun d'échange de données.",
        'Appuie les réunions ministérielles et les groupes de travail techniques sur la protection des droits des migrants.',
      ],
      ru: [
        'Встречи высокопоставленных должностных лиц участвующих государств для согласования совместного плана действий и протокола обмена данными.',
        'Поддержка министерских встреч и технических рабочих групп по защите прав мигрантов.',
      ],
      ar: [
        'يجمع كبار المسؤولين في الدول المشاركة للاتفاق على خطة عمل مشتركة وبروتوكول موحد لتبادل البيانات.',
        'دعم الاجتماعات الوزارية وأفرقة العمل التقنية المعنية بحماية حقوق المهاجرين.',
      ],
      ka: [
        'მონაწილე სახელმწიფოების მაღალი თანამდებობის პირები თანხმდებიან ერთობლივ სამოქმედო გეგმაზე.',
        'პროექტი მხარს უჭერს მინისტრების შეხვედრებს და ტექნიკურ სამუშაო ჯგუფებს მიგრანტთა უფლებების დაცვის შესახებ.',
      ],
      es: [
        'Reúne a altos funcionarios de los Estados participantes para acordar un plan de acción conjunto y un protocolo común de intercambio de datos.',
        'Apoya reuniones ministeriales y grupos de trabajo técnicos sobre la protección de los derechos de las personas migrantes.',
      ],
    },
    counterparts: ['Ministry of Foreign Affairs', 'State Migration Service'],
  },
  {
    code: 'labour-migration',
    titles: {
      en: ['Safe and fair labour migration', 'Pre-departure orientation for migrant workers'],
      fr: ["Migration de main-d'œuvre sûre et équitable", 'Orientation avant le départ des travailleurs migrants'],
      ru: ['Безопасная и справедливая трудовая миграция', 'Предвыездная подготовка трудовых мигрантов'],
      ar: ['هجرة عمالية آمنة وعادلة', 'التوجيه قبل المغادرة للعمال المهاجرين'],
      ka: ['უსაფრთხო და სამართლიანი შრომითი მიგრაცია', 'შრომითი მიგრანტების წინასწარი ორიენტაცია'],
      es: ['Migración laboral segura y justa', 'Orientación previa a la partida para trabajadores migrantes'],
    },
    descriptions: {
      en: [
        'Helps the labour ministry regulate private recruitment agencies and set up pre-departure orientation for workers going abroad.',
        'Develops a bilateral labour agreement and a skills recognition scheme with the main countries of destination.',
      ],
      fr: [
        "Aide le ministère du Travail à encadrer les agences de recrutement privées et à organiser l'orientation avant le départ.",
        "Élabore un accord bilatéral de main-d'œuvre et un dispositif de reconnaissance des compétences avec les principaux pays de destination.",
      ],
      ru: [
        'Помощь министерству труда в регулировании частных агентств занятости и организации предвыездной подготовки.',
        'Разработка двустороннего соглашения о трудовой миграции и системы признания квалификаций с основными странами назначения.',
      ],
      ar: [
        'مساعدة وزارة العمل على تنظيم وكالات التوظيف الخاصة وتنظيم التوجيه قبل المغادرة.',
        'إعداد اتفاق عمل ثنائي ونظام للاعتراف بالمهارات مع بلدان المقصد الرئيسية.',
      ],
      ka: [
        'პროექტი ეხმარება შრომის სამინისტროს კერძო დასაქმების სააგენტოების რეგულირებაში.',
        'პროექტი ამზადებს ორმხრივ შეთანხმებას შრომითი მიგრაციის შესახებ დანიშნულების ქვეყნებთან.',
      ],
      es: [
        'Ayuda al ministerio de trabajo a regular las agencias privadas de contratación y a organizar la orientación previa a la partida.',
        'Elabora un acuerdo bilateral de trabajo y un sistema de reconocimiento de competencias con los principales países de destino.',
      ],
    },
    counterparts: ['Ministry of Labour and Social Protection', 'Public Employment Agency'],
  },
  {
    code: 'migration-and-development',
    titles: {
      en: ['Diaspora engagement for local development', 'Remittances for productive investment'],
      fr: ['Mobilisation de la diaspora pour le développement local', "Les transferts de fonds au service de l'investissement productif"],
      ru: ['Вовлечение диаспоры в местное развитие', 'Денежные переводы для производственных инвестиций'],
      ar: ['إشراك المغتربين في التنمية المحلية', 'توجيه التحويلات المالية نحو الاستثمار المنتج'],
      ka: ['დიასპორის ჩართულობა ადგილობრივ განვითარებაში', 'ფულადი გზავნილები პროდუქტიული ინვესტიციებისთვის'],
      es: ['Participación de la diáspora en el desarrollo local', 'Remesas para la inversión productiva'],
    },
    descriptions: {
      en: [
        'Maps the diaspora and sets up a one-stop desk that helps returning entrepreneurs invest in their home municipalities.',
        "Works with the central bank on lowering the cost of remittances and on financial literacy for migrants' families.",
      ],
      fr: [
        "Cartographie la diaspora et crée un guichet unique pour aider les entrepreneurs de retour à investir dans leur commune d'origine.",
        'Collabore avec la banque centrale pour réduire le coût des transferts de fonds et former les familles de migrants à la gestion financière.',
      ],
      ru: [
        'Картирование диаспоры и создание единого окна для предпринимателей, инвестирующих в родные муниципалитеты.',
        'Работа с центральным банком по снижению стоимости денежных переводов и повышению финансовой грамотности семей мигрантов.',
      ],
      ar: [
        'رسم خريطة للمغتربين وإنشاء شباك موحد لمساعدة رواد الأعمال العائدين على الاستثمار في بلدياتهم.',
        'العمل مع البنك المركزي لخفض تكلفة التحويلات وتعزيز الثقافة المالية لأسر المهاجرين.',
      ],
      ka: [
        'პროექტი ადგენს დიასპორის რუკას და ქმნის ერთი ფანჯრის სერვისს დაბრუნებული მეწარმეებისთვის.',
        'პროექტი ეროვნულ ბანკთან ერთად ამცირებს ფულადი გზავნილების ხარჯებს.',
      ],
      es: [
        'Mapea la diáspora y crea una ventanilla única que ayuda a los emprendedores retornados a invertir en sus municipios.',
        'Trabaja con el banco central para reducir el costo de las remesas y promover la educación financiera de las familias migrantes.',
      ],
    },
    counterparts: ['Ministry of Diaspora Affairs', 'Ministry of Economy'],
  },
  {
    code: 'migration-environment-and-climate-change',
    titles: {
      en: ['Climate mobility and disaster displacement', 'Planned relocation in a changing climate'],
      fr: ['Mobilité climatique et déplacements liés aux catastrophes', 'Réinstallation planifiée face au changement climatique'],
      ru: ['Климатическая мобильность и перемещение вследствие бедствий', 'Плановое переселение в условиях изменения климата'],
      ar: ['التنقل المناخي والنزوح الناجم عن الكوارث', 'إعادة التوطين المخطط لها في ظل تغير المناخ'],
      ka: ['კლიმატური მობილობა და სტიქიური უბედურებებით გამოწვეული გადაადგილება', 'დაგეგმილი განსახლება კლიმატის ცვლილების პირობებში'],
      es: ['Movilidad climática y desplazamiento por desastres', 'Reubicación planificada ante el cambio climático'],
    },
    descriptions: {
      en: [
        'Integrates human mobility into the national adaptation plan and trains disaster management agencies on displacement data.',
        'Supports communities exposed to floods and droughts in planning voluntary relocation with the local authorities.',
      ],
      fr: [
        "Intègre la mobilité humaine dans le plan national d'adaptation et forme les agences de gestion des catastrophes aux données sur les déplacements.",
        "Accompagne les communautés exposées aux inondations et aux sécheresses dans la planification d'une réinstallation volontaire.",
      ],
      ru: [
        'Учет человеческой мобильности в национальном плане адаптации и обучение служб по чрезвычайным ситуациям работе с данными о перемещении.',
        'Поддержка общин, подверженных наводнениям и засухам, в планировании добровольного переселения вместе с местными властями.',
      ],
      ar: [
        'إدماج التنقل البشري في الخطة الوطنية للتكيف وتدريب وكالات إدارة الكوارث على بيانات النزوح.',
        'دعم المجتمعات المعرضة للفيضانات والجفاف في التخطيط لإعادة التوطين الطوعية مع السلطات المحلية.',
      ],
      ka: [
        'პროექტი ადამიანთა მობილობას ასახავს ადაპტაციის ეროვნულ გეგმაში.',
        'პროექტი ეხმარება წყალდიდობისა და გვალვის საფრთხის ქვეშ მყოფ თემებს ნებაყოფლობითი განსახლების დაგეგმვაში.',
      ],
      es: [
        'Integra la movilidad humana en el plan nacional de adaptación y capacita a las agencias de gestión de desastres en datos de desplazamiento.',
        'Acompaña a las comunidades expuestas a inundaciones y sequías en la planificación de una reubicación voluntaria con las autoridades locales.',
      ],
    },
    counterparts: ['National Disaster Management Agency', 'Ministry of Environment'],
  },
  {
    code: 'migration-and-health',
    titles: {
      en: ['Health screening and care for migrants', 'Migrant-inclusive primary health care'],
      fr: ['Dépistage sanitaire et soins pour les migrants', 'Des soins de santé primaires ouverts aux migrants'],
      ru: ['Медицинский скрининг и помощь мигрантам', 'Первичная медико-санитарная помощь с учетом потребностей мигрантов'],
      ar: ['الفحص الصحي والرعاية الصحية للمهاجرين', 'رعاية صحية أولية شاملة للمهاجرين'],
      ka: ['მიგრანტთა ჯანმრთელობის სკრინინგი და მოვლა', 'მიგრანტებისთვის ხელმისაწვდომი პირველადი ჯანდაცვა'],
      es: ['Tamizaje y atención de salud para personas migrantes', 'Atención primaria de salud inclusiva para migrantes'],
    },
    descriptions: {
      en: [
        'Equips points of entry with health screening capacity and trains health workers on the needs of mobile populations.',
        'Helps the health ministry include migrants in the national tuberculosis and HIV programmes.',
      ],
      fr: [
        "Équipe les points d'entrée pour le dépistage sanitaire et forme le personnel de santé aux besoins des populations mobiles.",
        'Aide le ministère de la Santé à inclure les migrants dans les programmes nationaux de lutte contre la tuberculose et le VIH.',
      ],
      ru: [
        'Оснащение пунктов въезда для медицинского скрининга и обучение медработников потребностям мобильного населения.',
        'Помощь министерству здравоохранения во включении мигрантов в национальные программы по туберкулезу и ВИЧ.',
      ],
      ar: [
        'تجهيز نقاط الدخول بقدرات الفحص الصحي وتدريب العاملين الصحيين على احتياجات الفئات المتنقلة.',
        'مساعدة وزارة الصحة على إدماج المهاجرين في البرامج الوطنية لمكافحة السل وفيروس نقص المناعة البشرية.',
      ],
      ka: [
        'პროექტი აღჭურავს შესვლის პუნქტებს ჯანმრთელობის სკრინინგისთვის და ამზადებს სამედიცინო პერსონალს.',
        'პროექტი ეხმარება ჯანდაცვის სამინისტროს მიგრანტების ჩართვაში ტუბერკულოზისა და აივ-ის ეროვნულ პროგრამებში.',
      ],
      es: [
        'Equipa los puntos de entrada para el tamizaje sanitario y capacita al personal de salud sobre las necesidades de las poblaciones móviles.',
        'Ayuda al ministerio de salud a incluir a las personas migrantes en los programas nacionales de tuberculosis y VIH.',
      ],
    },
    counterparts: ['Ministry of Health', 'National Public Health Institute'],
  },
  {
    code: 'border-management',
    titles: {
      en: ['Integrated border management', 'Modernising border crossing points'],
      fr: ['Gestion intégrée des frontières', 'Modernisation des postes frontaliers'],
      ru: ['Комплексное управление границами', 'Модернизация пунктов пропуска через границу'],
      ar: ['الإدارة المتكاملة للحدود', 'تحديث المعابر الحدودية'],
      ka: ['საზღვრის ინტეგრირებული მართვა', 'სასაზღვრო გამშვები პუნქტების მოდერნიზაცია'],
      es: ['Gestión integrada de fronteras', 'Modernización de los pasos fronterizos'],
    },
    descriptions: {
      en: [
        'Introduces a border management information system at the main crossing points and trains officers on document examination.',
        'Develops a national integrated border management strategy with the customs, police and health authorities.',
      ],
      fr: [
        "Met en place un système d'information pour la gestion des frontières aux principaux postes et forme les agents à l'examen des documents.",
        'Élabore une stratégie nationale de gestion intégrée des frontières avec les douanes, la police et les autorités sanitaires.',
      ],
      ru: [
        'Внедрение информационной системы управления границами на основных пунктах пропуска и обучение сотрудников проверке документов.',
        'Разработка национальной стратегии комплексного управления границами совместно с таможней, полицией и органами здравоохранения.',
      ],
      ar: [
        'إدخال نظام معلومات لإدارة الحدود في المعابر الرئيسية وتدريب الموظفين على فحص الوثائق.',
        'إعداد استراتيجية وطنية للإدارة المتكاملة للحدود مع الجمارك والشرطة والسلطات الصحية.',
      ],
      ka: [
        'პროექტი ნერგავს საზღვრის მართვის საინფორმაციო სისტემას მთავარ გამშვებ პუნქტებზე.',
        'პროექტი შეიმუშავებს საზღვრის ინტეგრირებული მართვის ეროვნულ სტრატეგიას.',
      ],
      es: [
        'Introduce un sistema de información para la gestión de fronteras en los principales pasos y capacita a los funcionarios en el examen de documentos.',
        'Elabora una estrategia nacional de gestión integrada de fronteras con aduanas, policía y autoridades sanitarias.',
      ],
    },
    counterparts: ['Border Guard Service', 'Ministry of Interior'],
  },
  {
    code: 'policy-and-legal-framework-development',
    titles: {
      en: ['Strengthening national migration policy', 'Migration law and its implementing regulations'],
      fr: ['Renforcement de la politique migratoire nationale', "Loi sur les migrations et ses textes d'application"],
      ru: ['Укрепление национальной миграционной политики', 'Закон о миграции и подзаконные акты'],
      ar: ['تعزيز السياسة الوطنية للهجرة', 'قانون الهجرة ولوائحه التنفيذية'],
      ka: ['ეროვნული მიგრაციის პოლიტიკის გაძლიერება', 'მიგრაციის კანონი და კანონქვემდებარე აქტები'],
      es: ['Fortalecimiento de la política migratoria nacional', 'Ley de migración y su reglamento'],
    },
    descriptions: {
      en: [
        'Supports the state migration service in drafting a national migration policy and the action plan that implements it.',
        'Reviews the migration law against international standards and drafts its implementing regulations with the parliament.',
      ],
      fr: [
        "Appuie le service national des migrations dans l'élaboration d'une politique migratoire nationale et de son plan d'action.",
        "Examine la loi sur les migrations au regard des normes internationales et rédige ses textes d'application avec le parlement.",
      ],
      ru: [
        'Поддержка государственной миграционной службы в разработке национальной миграционной политики и плана действий по ее реализации.',
        'Анализ закона о миграции на соответствие международным стандартам и подготовка подзаконных актов совместно с парламентом.',
      ],
      ar: [
        'دعم الهيئة الوطنية للهجرة في صياغة سياسة وطنية للهجرة وخطة العمل الخاصة بتنفيذها.',
        'مراجعة قانون الهجرة في ضوء المعايير الدولية وصياغة لوائحه التنفيذية بالتعاون مع البرلمان.',
      ],
      ka: [
        'პროექტი მხარს უჭერს სახელმწიფო მიგრაციის სამსახურს ეროვნული მიგრაციის პოლიტიკისა და სამოქმედო გეგმის შემუშავებაში.',
        'პროექტი აანალიზებს მიგრაციის კანონს საერთაშორისო სტანდარტებთან შესაბამისობის თვალსაზრისით.',
      ],
      es: [
        'Apoya al servicio nacional de migración en la elaboración de una política migratoria nacional y de su plan de acción.',
        'Revisa la ley de migración a la luz de las normas internacionales y redacta su reglamento junto con el parlamento.',
      ],
    },
    counterparts: ['State Migration Service', 'Ministry of Justice'],
  },
  {
    code: 'research-and-assessment',
    titles: {
      en: ['Migration profile and data assessment', 'Household survey on migration and remittances'],
      fr: ['Profil migratoire et évaluation des données', 'Enquête auprès des ménages sur la migration et les transferts de fonds'],
      ru: ['Миграционный профиль и оценка данных', 'Обследование домохозяйств по миграции и денежным переводам'],
      ar: ['الملف الوطني للهجرة وتقييم البيانات', 'مسح أسري حول الهجرة والتحويلات المالية'],
      ka: ['მიგრაციის პროფილი და მონაცემთა შეფასება', 'შინამეურნეობების კვლევა მიგრაციისა და ფულადი გზავნილების შესახებ'],
      es: ['Perfil migratorio y evaluación de datos', 'Encuesta de hogares sobre migración y remesas'],
    },
    descriptions: {
      en: [
        'Compiles the national migration profile with the statistics office and assesses gaps in administrative migration data.',
        'Runs a nationally representative household survey and publishes its findings with policy recommendations.',
      ],
      fr: [
        "Établit le profil migratoire national avec l'institut de statistique et évalue les lacunes des données administratives.",
        'Réalise une enquête nationale représentative auprès des ménages et publie ses résultats assortis de recommandations.',
      ],
      ru: [
        'Подготовка национального миграционного профиля вместе со статистическим ведомством и оценка пробелов в административных данных.',
        'Проведение репрезентативного обследования домохозяйств и публикация результатов с рекомендациями для политики.',
      ],
      ar: [
        'إعداد الملف الوطني للهجرة مع مكتب الإحصاء وتقييم الثغرات في البيانات الإدارية.',
        'إجراء مسح أسري تمثيلي على المستوى الوطني ونشر نتائجه مع توصيات للسياسات.',
      ],
      ka: [
        'პროექტი სტატისტიკის სამსახურთან ერთად ადგენს მიგრაციის ეროვნულ პროფილს.',
        'პროექტი ატარებს შინამეურნეობების რეპრეზენტატულ კვლევას და აქვეყნებს რეკომენდაციებს.',
      ],
      es: [
        'Elabora el perfil migratorio nacional con el instituto de estadística y evalúa las brechas en los datos administrativos.',
        'Realiza una encuesta de hogares representativa a nivel nacional y publica sus resultados con recomendaciones de política.',
      ],
    },
    counterparts: ['National Statistics Office', 'State Migration Service'],
  },
  {
    code: 'return-and-reintegration',
    titles: {
      en: ['Government capacity for sustainable reintegration', 'Referral system for returning migrants'],
      fr: ["Capacités de l'État pour une réintégration durable", "Système d'orientation des migrants de retour"],
      ru: ['Потенциал государства для устойчивой реинтеграции', 'Система перенаправления возвращающихся мигрантов'],
      ar: ['قدرات الحكومة من أجل إعادة إدماج مستدامة', 'نظام إحالة للمهاجرين العائدين'],
      ka: ['სახელმწიფოს შესაძლებლობები მდგრადი რეინტეგრაციისთვის', 'დაბრუნებულ მიგრანტთა გადამისამართების სისტემა'],
      es: ['Capacidades del Estado para una reintegración sostenible', 'Sistema de derivación para migrantes retornados'],
    },
    descriptions: {
      en: [
        'Builds the capacity of municipal services to counsel returning migrants and refer them to employment and health services.',
        'Helps the government set up a case management system for returnees, without direct assistance to individuals.',
      ],
      fr: [
        "Renforce les services municipaux pour conseiller les migrants de retour et les orienter vers l'emploi et la santé.",
        'Aide le gouvernement à mettre en place un système de gestion des dossiers des personnes de retour.',
      ],
      ru: [
        'Укрепление муниципальных служб, консультирующих вернувшихся мигрантов и направляющих их в службы занятости и здравоохранения.',
        'Помощь правительству в создании системы ведения дел вернувшихся мигрантов.',
      ],
      ar: [
        'بناء قدرات الخدمات البلدية على إرشاد المهاجرين العائدين وإحالتهم إلى خدمات التشغيل والصحة.',
        'مساعدة الحكومة على إنشاء نظام لإدارة حالات العائدين.',
      ],
      ka: [
        'პროექტი აძლიერებს მუნიციპალურ სამსახურებს დაბრუნებულ მიგრანტთა კონსულტირებისთვის.',
        'პროექტი ეხმარება მთავრობას დაბრუნებულთა საქმეების მართვის სისტემის შექმნაში.',
      ],
      es: [
        'Fortalece los servicios municipales para orientar a las personas migrantes retornadas y derivarlas a servicios de empleo y salud.',
        'Ayuda al gobierno a establecer un sistema de gestión de casos de personas retornadas.',
      ],
    },
    counterparts: ['Ministry of Labour and Social Protection', 'State Migration Service'],
  },
];

/** How a title names a cross-regional project instead of its states. */
export const GLOBAL_SUFFIX: Readonly<Record<Language, string>> = {
  en: 'global',
  fr: 'mondial',
  ru: 'глобальный проект',
  ar: 'مشروع عالمي',
  ka: 'გლობალური პროექტი',
  es: 'global',
};

/**
 * Neighbouring states that run regional projects together, with the language their
 * proposals add to English. The first state of a group leads.
 */
export const REGIONAL_GROUPS: readonly { states: readonly string[]; language?: Exclude<Language, 'en'> }[] = [
  { states: ['KG', 'KZ', 'TJ', 'UZ', 'TM'], language: 'ru' },
  { states: ['GE', 'AM', 'AZ'], language: 'ka' },
  { states: ['MD', 'UA', 'BY'] },
  { states: ['MA', 'TN', 'MR'], language: 'ar' },
  { states: ['SN', 'ML', 'NE', 'BF', 'MR', 'TD'], language: 'fr' },
  { states: ['CI', 'BJ', 'TG', 'GN'], language: 'fr' },
  { states: ['KE', 'ET', 'UG', 'TZ', 'DJ', 'RW'] },
  { states: ['ZM', 'ZW', 'MW', 'MZ', 'AO'] },
  { states: ['JO', 'LB', 'IQ', 'EG'], language: 'ar' },
  { states: ['BD', 'LK', 'NP', 'PK'] },
  { states: ['PH', 'ID', 'VN', 'KH', 'LA', 'TH', 'TL'] },
  { states: ['PG', 'FJ', 'VU', 'SB'] },
  { states: ['AL', 'BA', 'ME', 'MK', 'RS'] },
  { states: ['EC', 'PE', 'BO', 'CO'], language: 'es' },
  { states: ['GT', 'HN', 'SV', 'NI', 'CR', 'PA', 'MX'], language: 'es' },
  { states: ['AR', 'CL', 'PY', 'UY'], language: 'es' },
  { states: ['HT', 'DO', 'JM', 'TT', 'BZ', 'GY', 'SR'] },
];

/** Focal points, by the language sphere of the state. */
export const FOCAL_POINTS: Readonly<Record<Language, readonly string[]>> = {
  en: ['Grace Wanjiru', 'Samuel Mensah', 'Tendai Moyo', 'Rina Santos', 'Arjun Karki', 'Ana Petrović', 'Nimal Perera', 'Joseph Kamau'],
  fr: ['Aminata Diallo', 'Moussa Traoré', 'Fatou Ndiaye', 'Jean-Baptiste Kaboré', 'Mariam Coulibaly'],
  ru: ['Aibek Osmonov', 'Dilnoza Karimova', 'Rustam Nazarov', 'Gulnara Abdyldaeva', 'Ion Ceban'],
  ar: ['Youssef El Amrani', 'Leila Haddad', 'Omar Benali', 'Rania Khoury'],
  ka: ['Nino Beridze', 'Giorgi Kapanadze', 'Tamar Lomidze'],
  es: ['María Fernanda Quispe', 'Jorge Ramírez', 'Lucía Morales', 'Diego Castillo'],
};

export const ENDORSING_AUTHORITIES: readonly string[] = [
  'Ministry of Foreign Affairs',
  'Ministry of Interior',
  'Ministry of Labour and Social Protection',
  'Office of the Prime Minister',
];

export const DONORS: readonly string[] = [
  'Government of Germany',
  'Government of the United States of America',
  'Government of Switzerland',
  'Government of Sweden',
  'Government of the Netherlands',
  'European Union',
  'Government of Japan',
  'Government of Norway',
  'Government of Italy',
  'Government of Canada',
  'Government of Austria',
  'Government of Belgium',
];

export const REASONS = {
  reject: [
    'Duplicates a survey funded by another donor',
    'Outside the mandate of the fund: direct assistance to individuals',
    'The counterpart ministry could not confirm its commitment',
    'The budget is not justified by the planned activities',
  ],
  return: [
    'Please revise the results framework and the budget notes',
    'The endorsement letter must name the implementing ministry',
    'Clarify the sustainability plan after the project ends',
  ],
  retain: ['The envelope is kept for the second round', 'Retained pending the mid-year envelope review'],
  suspend: ['Elections: activities paused', 'Security situation in the project area', 'The counterpart ministry is being restructured'],
  resume: ['The counterpart confirmed the new work plan'],
  cancel: [
    'The ministry withdrew its counterpart staff',
    'The government requested to end the project after a change of priorities',
    'Activities overtaken by a larger programme of another donor',
  ],
  revision: [
    'Additional training sessions requested by the ministry',
    'Savings on travel after remote meetings',
    'Exchange-rate losses on local procurement',
    'A second pilot municipality was added',
  ],
  extension: [
    'Elections delayed the national consultations',
    'The parliament postponed the reading of the draft law',
    'Floods interrupted field work for two months',
  ],
  rejectRevision: ['The increase is not justified by new activities', 'Keep the original budget; reallocate within the lines'],
  rejectExtension: ['The remaining activities fit in the current end date'],
  rejectReport: ['The financial figures do not match the ledger', 'The narrative report lacks the results indicators'],
  correction: ['Bank charges were recorded twice', 'Wrong amount typed from the invoice'],
  refund: ['Unspent balance returned by the partner', 'Savings on the final workshop returned'],
  closeWithBalance: [
    'The partner returns the unspent balance with the audited accounts',
    'The unspent balance covers bank charges still to be booked by the partner',
  ],
} as const;
