/**
 * Word and phrase pools of the sample archive (`portal-hub demo`). Pools are ordered from the most
 * to the least used: the generator picks early entries far more often (a Zipf-like skew), so
 * searches over the archive meet words found in most items, in some, and in a handful.
 */

export interface DemoCategory {
  key: string;
  nameVi: string;
  nameEn: string;
  /** Topics of this section, Vietnamese: what a title is about. */
  topicsVi: readonly string[];
  topicsEn: readonly string[];
}

export const DEMO_CATEGORIES: readonly DemoCategory[] = [
  {
    key: 'thoi-su', nameVi: 'Thời sự', nameEn: 'Current affairs',
    topicsVi: ['kỳ họp Hội đồng nhân dân', 'công tác cải cách hành chính', 'phong trào thi đua yêu nước', 'công tác tiếp công dân', 'hội nghị sơ kết quý', 'chương trình giám sát chuyên đề', 'công tác phòng chống thiên tai', 'diễn tập khu vực phòng thủ', 'lễ kỷ niệm ngày thành lập', 'đại hội đại biểu các dân tộc thiểu số', 'chương trình hợp tác với tỉnh Hậu Giang', 'đoàn công tác của Bộ Nội vụ'],
    topicsEn: ['the People’s Council session', 'administrative reform', 'the emulation movement', 'citizen reception', 'the quarterly review conference', 'disaster preparedness'],
  },
  {
    key: 'kinh-te', nameVi: 'Kinh tế', nameEn: 'Economy',
    topicsVi: ['giải ngân vốn đầu tư công', 'thu hút đầu tư nước ngoài', 'hạ tầng khu công nghiệp', 'xuất khẩu hàng hóa', 'thu ngân sách nhà nước', 'hỗ trợ doanh nghiệp nhỏ và vừa', 'cao tốc Biên Hòa - Vũng Tàu', 'sân bay quốc tế Long Thành', 'chợ đầu mối nông sản', 'thương mại điện tử', 'khu công nghiệp Nhơn Trạch 6', 'logistics cảng Phước An'],
    topicsEn: ['public investment disbursement', 'foreign direct investment', 'industrial park infrastructure', 'exports', 'state budget revenue', 'Long Thanh international airport'],
  },
  {
    key: 'van-hoa-xa-hoi', nameVi: 'Văn hóa - Xã hội', nameEn: 'Culture and society',
    topicsVi: ['xây dựng đời sống văn hóa', 'chăm lo gia đình chính sách', 'giảm nghèo bền vững', 'lễ hội văn hóa dân tộc Chơ Ro', 'bảo tồn di tích Văn miếu Trấn Biên', 'phong trào thể dục thể thao', 'giải việt dã truyền thống', 'nhà ở cho người lao động', 'du lịch sinh thái Nam Cát Tiên', 'nghệ thuật đờn ca tài tử', 'làng bưởi Tân Triều'],
    topicsEn: ['cultural life', 'support for families of war invalids', 'sustainable poverty reduction', 'sports for all', 'eco-tourism in Nam Cat Tien'],
  },
  {
    key: 'giao-duc', nameVi: 'Giáo dục', nameEn: 'Education',
    topicsVi: ['tuyển sinh lớp 10', 'kỳ thi tốt nghiệp trung học phổ thông', 'chương trình giáo dục phổ thông mới', 'xây dựng trường chuẩn quốc gia', 'học bổng cho học sinh nghèo vượt khó', 'bồi dưỡng giáo viên', 'giáo dục nghề nghiệp', 'thư viện trường học', 'học sinh giỏi quốc gia'],
    topicsEn: ['grade 10 admissions', 'the national graduation exam', 'the new general curriculum', 'teacher training'],
  },
  {
    key: 'y-te', nameVi: 'Y tế', nameEn: 'Health',
    topicsVi: ['phòng chống sốt xuất huyết', 'tiêm chủng mở rộng', 'bảo hiểm y tế toàn dân', 'an toàn thực phẩm', 'khám chữa bệnh từ xa', 'bệnh viện đa khoa tỉnh', 'trạm y tế xã', 'phòng chống bệnh tay chân miệng', 'hiến máu tình nguyện', 'dịch tả lợn châu Phi'],
    topicsEn: ['dengue prevention', 'expanded immunisation', 'universal health insurance', 'food safety', 'telemedicine'],
  },
  {
    key: 'nong-nghiep', nameVi: 'Nông nghiệp', nameEn: 'Agriculture',
    topicsVi: ['xây dựng nông thôn mới', 'chuyển đổi cơ cấu cây trồng', 'sản phẩm OCOP', 'chăn nuôi an toàn sinh học', 'tưới tiết kiệm nước', 'hợp tác xã kiểu mới', 'vùng trồng sầu riêng xuất khẩu', 'giống cây trồng', 'hồ Trị An', 'trồng rừng thay thế'],
    topicsEn: ['new rural development', 'OCOP products', 'biosecure livestock farming', 'cooperatives'],
  },
  {
    key: 'chinh-sach', nameVi: 'Chính sách - Pháp luật', nameEn: 'Policy and law',
    topicsVi: ['phổ biến giáo dục pháp luật', 'Luật Đất đai sửa đổi', 'thủ tục hành chính trực tuyến', 'bồi thường giải phóng mặt bằng', 'hòa giải ở cơ sở', 'trợ giúp pháp lý', 'quy hoạch tỉnh thời kỳ 2021 - 2030', 'xử lý vi phạm hành chính'],
    topicsEn: ['legal education', 'the amended Land Law', 'online public services', 'site clearance compensation'],
  },
  {
    key: 'thong-bao', nameVi: 'Thông báo', nameEn: 'Notices',
    topicsVi: ['lịch tiếp công dân', 'kết quả tuyển dụng viên chức', 'lấy ý kiến dự thảo nghị quyết', 'đấu giá quyền sử dụng đất', 'tạm ngừng cung cấp điện', 'điều chỉnh giao thông', 'danh sách thí sinh đủ điều kiện'],
    topicsEn: ['citizen reception hours', 'civil service recruitment results', 'public consultation on a draft resolution', 'planned power cuts'],
  },
];

/** Who acts in a title; `{site}` is the site's own name. */
export const ACTORS_VI = ['{site}', 'UBND tỉnh', 'Chủ tịch UBND tỉnh', 'Ban Thường vụ Tỉnh ủy', 'Đoàn đại biểu Quốc hội tỉnh', 'Ủy ban MTTQ Việt Nam tỉnh', 'Đoàn kiểm tra liên ngành', 'Lãnh đạo tỉnh', 'Phó Chủ tịch UBND tỉnh', 'Hội Nông dân tỉnh', 'Tỉnh đoàn', 'Liên đoàn Lao động tỉnh'];
export const ACTORS_EN = ['{site}', 'The provincial People’s Committee', 'The provincial chairman', 'The provincial Party Committee', 'An inspection team', 'Provincial leaders'];

export const VERBS_VI = ['triển khai', 'đẩy mạnh', 'kiểm tra', 'sơ kết', 'tổng kết', 'chỉ đạo', 'khảo sát', 'tháo gỡ vướng mắc về', 'ra quân', 'phát động', 'đối thoại về', 'giám sát', 'tăng cường', 'đánh giá', 'hoàn thành'];
export const VERBS_EN = ['launches', 'steps up', 'inspects', 'reviews', 'directs work on', 'surveys', 'discusses', 'completes'];

/** Where and when, after the topic; `{place}` is a commune or district, `{year}` the year of publication. */
export const TAILS_VI = ['năm {year}', 'tại {place}', 'giai đoạn 2021 - 2025', '6 tháng đầu năm', 'trên địa bàn tỉnh', 'tại {place} năm {year}', 'quý IV/{year}', 'dịp Tết Nguyên đán', 'mùa mưa bão', ''];
export const TAILS_EN = ['in {year}', 'in {place}', 'for 2021–2025', 'in the first half of the year', 'across the province', ''];

export const PLACES = ['Biên Hòa', 'Long Thành', 'Nhơn Trạch', 'Trảng Bom', 'Long Khánh', 'Xuân Lộc', 'Định Quán', 'Tân Phú', 'Vĩnh Cửu', 'Thống Nhất', 'Cẩm Mỹ', 'Phú Hữu', 'Phước Thiền', 'Bình Sơn', 'An Phước', 'Tam An', 'La Ngà', 'Sông Ray', 'Xuân Bắc', 'Gia Tân', 'Thanh Bình', 'Hiệp Phước', 'Phú Lý', 'Mã Đà', 'Đak Lua', 'Thanh Sơn', 'Bảo Hòa', 'Xuân Đông', 'Lâm San', 'Sông Nhạn'];

/** Sentences of a body; `{topic}`, `{place}`, `{year}`, `{n}`, `{pct}`, `{site}` are filled in. */
export const SENTENCES_VI = [
  'Theo báo cáo, đến nay {site} đã hoàn thành {pct}% kế hoạch đề ra về {topic}.',
  'Hội nghị có sự tham dự của lãnh đạo các sở, ban, ngành và UBND các huyện, thành phố.',
  'Phát biểu chỉ đạo, lãnh đạo tỉnh đề nghị các đơn vị tập trung tháo gỡ khó khăn, vướng mắc, không để chậm trễ kéo dài.',
  'Trong năm {year}, toàn tỉnh đã tổ chức {n} lớp tập huấn cho cán bộ cơ sở.',
  'Tại {place}, người dân đồng tình ủng hộ và tích cực tham gia các hoạt động.',
  'Đoàn công tác đã kiểm tra thực tế tại {place} và ghi nhận nhiều kết quả tích cực.',
  'Bên cạnh những kết quả đạt được, công tác {topic} vẫn còn một số hạn chế cần khắc phục.',
  'Kinh phí thực hiện được bố trí từ ngân sách tỉnh và các nguồn vốn hợp pháp khác, tổng cộng hơn {n} tỷ đồng.',
  'Các địa phương được yêu cầu báo cáo kết quả thực hiện trước ngày 15 hằng tháng.',
  'Sở Thông tin và Truyền thông phối hợp với các cơ quan báo chí tăng cường tuyên truyền để người dân nắm rõ.',
  'Dịp này, {n} tập thể và cá nhân có thành tích xuất sắc được tặng bằng khen.',
  'Nhiều ý kiến đề xuất cần sớm ban hành cơ chế, chính sách đặc thù phù hợp với điều kiện thực tế của tỉnh.',
  'Kết luận buổi làm việc, đồng chí chủ trì giao các sở, ngành liên quan rà soát, đề xuất phương án cụ thể.',
  'Người dân có thể tra cứu thông tin và gửi phản ánh qua Cổng dịch vụ công trực tuyến của tỉnh.',
  'So với cùng kỳ năm trước, chỉ tiêu này tăng {pct}%, vượt kế hoạch đề ra.',
  'Ủy ban nhân dân {place} đã thành lập tổ công tác để hướng dẫn, hỗ trợ người dân và doanh nghiệp.',
  'Đến cuối năm {year}, tỉnh phấn đấu có thêm {n} mô hình điểm về {topic}.',
  'Lực lượng chức năng đã phát hiện và xử lý {n} trường hợp vi phạm, nhắc nhở nhiều trường hợp khác.',
  'Công trình có tổng mức đầu tư hơn {n} tỷ đồng, dự kiến hoàn thành và đưa vào sử dụng trong quý III.',
  'Chương trình nhận được sự hưởng ứng của đông đảo đoàn viên, thanh niên và hội viên các đoàn thể.',
];
export const SENTENCES_EN = [
  'So far {site} has completed {pct}% of its plan for {topic}.',
  'Leaders of provincial departments and of the districts attended the meeting.',
  'Provincial leaders asked every unit to clear remaining obstacles without delay.',
  'In {year} the province held {n} training courses for grassroots officials.',
  'In {place}, residents welcomed the programme and took an active part.',
  'Funding of more than {n} billion dong comes from the provincial budget and other lawful sources.',
  'Compared with the same period last year, the figure rose by {pct}%.',
  'Residents can look up information and send feedback through the province’s online public service portal.',
];

export const SUMMARIES_VI = [
  '{actor} vừa có buổi làm việc về {topic} tại {place}, đánh giá kết quả và đề ra nhiệm vụ thời gian tới.',
  'Năm {year}, công tác {topic} trên địa bàn đạt nhiều kết quả quan trọng, góp phần phát triển kinh tế - xã hội.',
  'Nhằm thực hiện hiệu quả {topic}, {actor} yêu cầu các đơn vị triển khai đồng bộ nhiều giải pháp.',
  'Ngày {day}/{month}/{year}, {actor} tổ chức hội nghị về {topic} với sự tham gia của nhiều đại biểu.',
];
export const SUMMARIES_EN = [
  '{actor} met in {place} on {topic}, reviewed the results and set the next tasks.',
  'In {year}, work on {topic} brought notable results across the province.',
];

export const TAKEDOWN_NOTES = ['Gỡ theo yêu cầu của cơ quan chủ quản', 'Thông tin đã hết hiệu lực', 'Đăng nhầm chuyên mục, sẽ đăng lại', 'Đính chính số liệu, thay bằng tin mới'];

export const FAMILY_NAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Hoàng', 'Võ', 'Phan', 'Trương', 'Bùi', 'Đặng', 'Đỗ', 'Ngô', 'Hồ', 'Dương', 'Lý'];
export const MIDDLE_NAMES = ['Văn', 'Thị', 'Minh', 'Thanh', 'Ngọc', 'Hữu', 'Đức', 'Thu', 'Quốc', 'Hoài'];
export const GIVEN_NAMES = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hòa', 'Hùng', 'Khánh', 'Lan', 'Linh', 'Long', 'Mai', 'Nam', 'Nga', 'Phong', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Trung', 'Tuấn', 'Vy', 'Yến'];

export interface DemoSiteName {
  key: string;
  kind: 'department' | 'district' | 'commune';
  nameVi: string;
  nameEn: string;
  prefix: string;
}

/** Component sites in the order `--sites K` takes them: departments, districts and communes interleaved. */
export const DEMO_SITE_NAMES: readonly DemoSiteName[] = [
  { key: 'so-y-te', kind: 'department', nameVi: 'Sở Y tế', nameEn: 'Department of Health', prefix: 'SYT' },
  { key: 'long-thanh', kind: 'district', nameVi: 'Huyện Long Thành', nameEn: 'Long Thanh District', prefix: 'HLT' },
  { key: 'xa-phu-huu', kind: 'commune', nameVi: 'Xã Phú Hữu', nameEn: 'Phu Huu Commune', prefix: 'XPH' },
  { key: 'so-gddt', kind: 'department', nameVi: 'Sở Giáo dục và Đào tạo', nameEn: 'Department of Education and Training', prefix: 'SGD' },
  { key: 'nhon-trach', kind: 'district', nameVi: 'Huyện Nhơn Trạch', nameEn: 'Nhon Trach District', prefix: 'HNT' },
  { key: 'xa-binh-son', kind: 'commune', nameVi: 'Xã Bình Sơn', nameEn: 'Binh Son Commune', prefix: 'XBS' },
  { key: 'so-tai-chinh', kind: 'department', nameVi: 'Sở Tài chính', nameEn: 'Department of Finance', prefix: 'STC' },
  { key: 'trang-bom', kind: 'district', nameVi: 'Huyện Trảng Bom', nameEn: 'Trang Bom District', prefix: 'HTB' },
  { key: 'xa-an-phuoc', kind: 'commune', nameVi: 'Xã An Phước', nameEn: 'An Phuoc Commune', prefix: 'XAP' },
  { key: 'so-nnptnt', kind: 'department', nameVi: 'Sở Nông nghiệp và Phát triển nông thôn', nameEn: 'Department of Agriculture and Rural Development', prefix: 'SNN' },
  { key: 'xuan-loc', kind: 'district', nameVi: 'Huyện Xuân Lộc', nameEn: 'Xuan Loc District', prefix: 'HXL' },
  { key: 'xa-la-nga', kind: 'commune', nameVi: 'Xã La Ngà', nameEn: 'La Nga Commune', prefix: 'XLN' },
  { key: 'so-gtvt', kind: 'department', nameVi: 'Sở Giao thông vận tải', nameEn: 'Department of Transport', prefix: 'SGT' },
  { key: 'dinh-quan', kind: 'district', nameVi: 'Huyện Định Quán', nameEn: 'Dinh Quan District', prefix: 'HDQ' },
  { key: 'xa-phuoc-thien', kind: 'commune', nameVi: 'Xã Phước Thiền', nameEn: 'Phuoc Thien Commune', prefix: 'XPT' },
  { key: 'so-tnmt', kind: 'department', nameVi: 'Sở Tài nguyên và Môi trường', nameEn: 'Department of Natural Resources and Environment', prefix: 'STN' },
  { key: 'long-khanh', kind: 'district', nameVi: 'Thành phố Long Khánh', nameEn: 'Long Khanh City', prefix: 'TLK' },
  { key: 'xa-song-ray', kind: 'commune', nameVi: 'Xã Sông Ray', nameEn: 'Song Ray Commune', prefix: 'XSR' },
  { key: 'so-vhttdl', kind: 'department', nameVi: 'Sở Văn hóa, Thể thao và Du lịch', nameEn: 'Department of Culture, Sports and Tourism', prefix: 'SVH' },
  { key: 'vinh-cuu', kind: 'district', nameVi: 'Huyện Vĩnh Cửu', nameEn: 'Vinh Cuu District', prefix: 'HVC' },
  { key: 'xa-ma-da', kind: 'commune', nameVi: 'Xã Mã Đà', nameEn: 'Ma Da Commune', prefix: 'XMD' },
  { key: 'so-cong-thuong', kind: 'department', nameVi: 'Sở Công Thương', nameEn: 'Department of Industry and Trade', prefix: 'SCT' },
  { key: 'tan-phu', kind: 'district', nameVi: 'Huyện Tân Phú', nameEn: 'Tan Phu District', prefix: 'HTP' },
  { key: 'xa-tam-an', kind: 'commune', nameVi: 'Xã Tam An', nameEn: 'Tam An Commune', prefix: 'XTA' },
  { key: 'so-tu-phap', kind: 'department', nameVi: 'Sở Tư pháp', nameEn: 'Department of Justice', prefix: 'STP' },
  { key: 'cam-my', kind: 'district', nameVi: 'Huyện Cẩm Mỹ', nameEn: 'Cam My District', prefix: 'HCM' },
  { key: 'xa-xuan-bac', kind: 'commune', nameVi: 'Xã Xuân Bắc', nameEn: 'Xuan Bac Commune', prefix: 'XXB' },
  { key: 'so-noi-vu', kind: 'department', nameVi: 'Sở Nội vụ', nameEn: 'Department of Home Affairs', prefix: 'SNV' },
  { key: 'thong-nhat', kind: 'district', nameVi: 'Huyện Thống Nhất', nameEn: 'Thong Nhat District', prefix: 'HTN' },
  { key: 'xa-hiep-phuoc', kind: 'commune', nameVi: 'Xã Hiệp Phước', nameEn: 'Hiep Phuoc Commune', prefix: 'XHP' },
  { key: 'so-xay-dung', kind: 'department', nameVi: 'Sở Xây dựng', nameEn: 'Department of Construction', prefix: 'SXD' },
  { key: 'bien-hoa', kind: 'district', nameVi: 'Thành phố Biên Hòa', nameEn: 'Bien Hoa City', prefix: 'TBH' },
  { key: 'xa-thanh-binh', kind: 'commune', nameVi: 'Xã Thanh Bình', nameEn: 'Thanh Binh Commune', prefix: 'XTB' },
  { key: 'so-khcn', kind: 'department', nameVi: 'Sở Khoa học và Công nghệ', nameEn: 'Department of Science and Technology', prefix: 'SKH' },
  { key: 'xa-gia-tan', kind: 'commune', nameVi: 'Xã Gia Tân 1', nameEn: 'Gia Tan 1 Commune', prefix: 'XGT' },
  { key: 'so-khdt', kind: 'department', nameVi: 'Sở Kế hoạch và Đầu tư', nameEn: 'Department of Planning and Investment', prefix: 'SKD' },
  { key: 'xa-bao-hoa', kind: 'commune', nameVi: 'Xã Bảo Hòa', nameEn: 'Bao Hoa Commune', prefix: 'XBH' },
  { key: 'so-ldtbxh', kind: 'department', nameVi: 'Sở Lao động - Thương binh và Xã hội', nameEn: 'Department of Labour, Invalids and Social Affairs', prefix: 'SLD' },
  { key: 'xa-lam-san', kind: 'commune', nameVi: 'Xã Lâm San', nameEn: 'Lam San Commune', prefix: 'XLS' },
  { key: 'so-tttt', kind: 'department', nameVi: 'Sở Thông tin và Truyền thông', nameEn: 'Department of Information and Communications', prefix: 'STT' },
];

/** The province a fresh database gets when it has no site yet. */
export const DEMO_PROVINCE = { key: 'tinh', kind: 'province', nameVi: 'Cổng thông tin điện tử tỉnh Đồng Nai (dữ liệu mẫu)', nameEn: 'Dong Nai Province Portal (sample data)', prefix: 'DN' } as const;

export interface DemoPerson {
  displayName: string;
  email: string;
  role: 'editor' | 'secretary' | 'deputy' | 'head' | 'collaborator';
}

/**
 * The sample desk of the province site, one person per step of the workflow: names marked “(mẫu)”,
 * addresses under the sample sub-domain mau.example.vn, which no real desk's address uses.
 */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { displayName: 'Nguyễn Văn Trưởng (mẫu)', email: 'truong-ban@mau.example.vn', role: 'head' },
  { displayName: 'Trần Thị Phó (mẫu)', email: 'pho-ban@mau.example.vn', role: 'deputy' },
  { displayName: 'Lê Minh Thư (mẫu)', email: 'thu-ky@mau.example.vn', role: 'secretary' },
  { displayName: 'Phạm Thu Biên (mẫu)', email: 'bien-tap@mau.example.vn', role: 'editor' },
  { displayName: 'Đặng Thị Cộng (mẫu)', email: 'cong-tac-vien@mau.example.vn', role: 'collaborator' },
];
