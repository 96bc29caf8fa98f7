// Code generated for BenchmarkRegister; DO NOT EDIT.

package bench

import "reflect"

// regTypes are distinct model types, each registered at most once.
var regTypes = []reflect.Type{
	typeOf[reg0](),
	typeOf[reg1](),
	typeOf[reg2](),
	typeOf[reg3](),
	typeOf[reg4](),
	typeOf[reg5](),
	typeOf[reg6](),
	typeOf[reg7](),
	typeOf[reg8](),
	typeOf[reg9](),
	typeOf[reg10](),
	typeOf[reg11](),
	typeOf[reg12](),
	typeOf[reg13](),
	typeOf[reg14](),
	typeOf[reg15](),
	typeOf[reg16](),
	typeOf[reg17](),
	typeOf[reg18](),
	typeOf[reg19](),
	typeOf[reg20](),
	typeOf[reg21](),
	typeOf[reg22](),
	typeOf[reg23](),
	typeOf[reg24](),
	typeOf[reg25](),
	typeOf[reg26](),
	typeOf[reg27](),
	typeOf[reg28](),
	typeOf[reg29](),
	typeOf[reg30](),
	typeOf[reg31](),
	typeOf[reg32](),
	typeOf[reg33](),
	typeOf[reg34](),
	typeOf[reg35](),
	typeOf[reg36](),
	typeOf[reg37](),
	typeOf[reg38](),
	typeOf[reg39](),
	typeOf[reg40](),
	typeOf[reg41](),
	typeOf[reg42](),
	typeOf[reg43](),
	typeOf[reg44](),
	typeOf[reg45](),
	typeOf[reg46](),
	typeOf[reg47](),
	typeOf[reg48](),
	typeOf[reg49](),
	typeOf[reg50](),
	typeOf[reg51](),
	typeOf[reg52](),
	typeOf[reg53](),
	typeOf[reg54](),
	typeOf[reg55](),
	typeOf[reg56](),
	typeOf[reg57](),
	typeOf[reg58](),
	typeOf[reg59](),
	typeOf[reg60](),
	typeOf[reg61](),
	typeOf[reg62](),
	typeOf[reg63](),
	typeOf[reg64](),
	typeOf[reg65](),
	typeOf[reg66](),
	typeOf[reg67](),
	typeOf[reg68](),
	typeOf[reg69](),
	typeOf[reg70](),
	typeOf[reg71](),
	typeOf[reg72](),
	typeOf[reg73](),
	typeOf[reg74](),
	typeOf[reg75](),
	typeOf[reg76](),
	typeOf[reg77](),
	typeOf[reg78](),
	typeOf[reg79](),
	typeOf[reg80](),
	typeOf[reg81](),
	typeOf[reg82](),
	typeOf[reg83](),
	typeOf[reg84](),
	typeOf[reg85](),
	typeOf[reg86](),
	typeOf[reg87](),
	typeOf[reg88](),
	typeOf[reg89](),
	typeOf[reg90](),
	typeOf[reg91](),
	typeOf[reg92](),
	typeOf[reg93](),
	typeOf[reg94](),
	typeOf[reg95](),
	typeOf[reg96](),
	typeOf[reg97](),
	typeOf[reg98](),
	typeOf[reg99](),
	typeOf[reg100](),
	typeOf[reg101](),
	typeOf[reg102](),
	typeOf[reg103](),
	typeOf[reg104](),
	typeOf[reg105](),
	typeOf[reg106](),
	typeOf[reg107](),
	typeOf[reg108](),
	typeOf[reg109](),
	typeOf[reg110](),
	typeOf[reg111](),
	typeOf[reg112](),
	typeOf[reg113](),
	typeOf[reg114](),
	typeOf[reg115](),
	typeOf[reg116](),
	typeOf[reg117](),
	typeOf[reg118](),
	typeOf[reg119](),
	typeOf[reg120](),
	typeOf[reg121](),
	typeOf[reg122](),
	typeOf[reg123](),
	typeOf[reg124](),
	typeOf[reg125](),
	typeOf[reg126](),
	typeOf[reg127](),
	typeOf[reg128](),
	typeOf[reg129](),
	typeOf[reg130](),
	typeOf[reg131](),
	typeOf[reg132](),
	typeOf[reg133](),
	typeOf[reg134](),
	typeOf[reg135](),
	typeOf[reg136](),
	typeOf[reg137](),
	typeOf[reg138](),
	typeOf[reg139](),
	typeOf[reg140](),
	typeOf[reg141](),
	typeOf[reg142](),
	typeOf[reg143](),
	typeOf[reg144](),
	typeOf[reg145](),
	typeOf[reg146](),
	typeOf[reg147](),
	typeOf[reg148](),
	typeOf[reg149](),
	typeOf[reg150](),
	typeOf[reg151](),
	typeOf[reg152](),
	typeOf[reg153](),
	typeOf[reg154](),
	typeOf[reg155](),
	typeOf[reg156](),
	typeOf[reg157](),
	typeOf[reg158](),
	typeOf[reg159](),
	typeOf[reg160](),
	typeOf[reg161](),
	typeOf[reg162](),
	typeOf[reg163](),
	typeOf[reg164](),
	typeOf[reg165](),
	typeOf[reg166](),
	typeOf[reg167](),
	typeOf[reg168](),
	typeOf[reg169](),
	typeOf[reg170](),
	typeOf[reg171](),
	typeOf[reg172](),
	typeOf[reg173](),
	typeOf[reg174](),
	typeOf[reg175](),
	typeOf[reg176](),
	typeOf[reg177](),
	typeOf[reg178](),
	typeOf[reg179](),
	typeOf[reg180](),
	typeOf[reg181](),
	typeOf[reg182](),
	typeOf[reg183](),
	typeOf[reg184](),
	typeOf[reg185](),
	typeOf[reg186](),
	typeOf[reg187](),
	typeOf[reg188](),
	typeOf[reg189](),
	typeOf[reg190](),
	typeOf[reg191](),
	typeOf[reg192](),
	typeOf[reg193](),
	typeOf[reg194](),
	typeOf[reg195](),
	typeOf[reg196](),
	typeOf[reg197](),
	typeOf[reg198](),
	typeOf[reg199](),
	typeOf[reg200](),
	typeOf[reg201](),
	typeOf[reg202](),
	typeOf[reg203](),
	typeOf[reg204](),
	typeOf[reg205](),
	typeOf[reg206](),
	typeOf[reg207](),
	typeOf[reg208](),
	typeOf[reg209](),
	typeOf[reg210](),
	typeOf[reg211](),
	typeOf[reg212](),
	typeOf[reg213](),
	typeOf[reg214](),
	typeOf[reg215](),
	typeOf[reg216](),
	typeOf[reg217](),
	typeOf[reg218](),
	typeOf[reg219](),
	typeOf[reg220](),
	typeOf[reg221](),
	typeOf[reg222](),
	typeOf[reg223](),
	typeOf[reg224](),
	typeOf[reg225](),
	typeOf[reg226](),
	typeOf[reg227](),
	typeOf[reg228](),
	typeOf[reg229](),
	typeOf[reg230](),
	typeOf[reg231](),
	typeOf[reg232](),
	typeOf[reg233](),
	typeOf[reg234](),
	typeOf[reg235](),
	typeOf[reg236](),
	typeOf[reg237](),
	typeOf[reg238](),
	typeOf[reg239](),
	typeOf[reg240](),
	typeOf[reg241](),
	typeOf[reg242](),
	typeOf[reg243](),
	typeOf[reg244](),
	typeOf[reg245](),
	typeOf[reg246](),
	typeOf[reg247](),
	typeOf[reg248](),
	typeOf[reg249](),
	typeOf[reg250](),
	typeOf[reg251](),
	typeOf[reg252](),
	typeOf[reg253](),
	typeOf[reg254](),
	typeOf[reg255](),
	typeOf[reg256](),
	typeOf[reg257](),
	typeOf[reg258](),
	typeOf[reg259](),
	typeOf[reg260](),
	typeOf[reg261](),
	typeOf[reg262](),
	typeOf[reg263](),
	typeOf[reg264](),
	typeOf[reg265](),
	typeOf[reg266](),
	typeOf[reg267](),
	typeOf[reg268](),
	typeOf[reg269](),
	typeOf[reg270](),
	typeOf[reg271](),
	typeOf[reg272](),
	typeOf[reg273](),
	typeOf[reg274](),
	typeOf[reg275](),
	typeOf[reg276](),
	typeOf[reg277](),
	typeOf[reg278](),
	typeOf[reg279](),
	typeOf[reg280](),
	typeOf[reg281](),
	typeOf[reg282](),
	typeOf[reg283](),
	typeOf[reg284](),
	typeOf[reg285](),
	typeOf[reg286](),
	typeOf[reg287](),
	typeOf[reg288](),
	typeOf[reg289](),
	typeOf[reg290](),
	typeOf[reg291](),
	typeOf[reg292](),
	typeOf[reg293](),
	typeOf[reg294](),
	typeOf[reg295](),
	typeOf[reg296](),
	typeOf[reg297](),
	typeOf[reg298](),
	typeOf[reg299](),
	typeOf[reg300](),
	typeOf[reg301](),
	typeOf[reg302](),
	typeOf[reg303](),
	typeOf[reg304](),
	typeOf[reg305](),
	typeOf[reg306](),
	typeOf[reg307](),
	typeOf[reg308](),
	typeOf[reg309](),
	typeOf[reg310](),
	typeOf[reg311](),
	typeOf[reg312](),
	typeOf[reg313](),
	typeOf[reg314](),
	typeOf[reg315](),
	typeOf[reg316](),
	typeOf[reg317](),
	typeOf[reg318](),
	typeOf[reg319](),
	typeOf[reg320](),
	typeOf[reg321](),
	typeOf[reg322](),
	typeOf[reg323](),
	typeOf[reg324](),
	typeOf[reg325](),
	typeOf[reg326](),
	typeOf[reg327](),
	typeOf[reg328](),
	typeOf[reg329](),
	typeOf[reg330](),
	typeOf[reg331](),
	typeOf[reg332](),
	typeOf[reg333](),
	typeOf[reg334](),
	typeOf[reg335](),
	typeOf[reg336](),
	typeOf[reg337](),
	typeOf[reg338](),
	typeOf[reg339](),
	typeOf[reg340](),
	typeOf[reg341](),
	typeOf[reg342](),
	typeOf[reg343](),
	typeOf[reg344](),
	typeOf[reg345](),
	typeOf[reg346](),
	typeOf[reg347](),
	typeOf[reg348](),
	typeOf[reg349](),
	typeOf[reg350](),
	typeOf[reg351](),
	typeOf[reg352](),
	typeOf[reg353](),
	typeOf[reg354](),
	typeOf[reg355](),
	typeOf[reg356](),
	typeOf[reg357](),
	typeOf[reg358](),
	typeOf[reg359](),
	typeOf[reg360](),
	typeOf[reg361](),
	typeOf[reg362](),
	typeOf[reg363](),
	typeOf[reg364](),
	typeOf[reg365](),
	typeOf[reg366](),
	typeOf[reg367](),
	typeOf[reg368](),
	typeOf[reg369](),
	typeOf[reg370](),
	typeOf[reg371](),
	typeOf[reg372](),
	typeOf[reg373](),
	typeOf[reg374](),
	typeOf[reg375](),
	typeOf[reg376](),
	typeOf[reg377](),
	typeOf[reg378](),
	typeOf[reg379](),
	typeOf[reg380](),
	typeOf[reg381](),
	typeOf[reg382](),
	typeOf[reg383](),
	typeOf[reg384](),
	typeOf[reg385](),
	typeOf[reg386](),
	typeOf[reg387](),
	typeOf[reg388](),
	typeOf[reg389](),
	typeOf[reg390](),
	typeOf[reg391](),
	typeOf[reg392](),
	typeOf[reg393](),
	typeOf[reg394](),
	typeOf[reg395](),
	typeOf[reg396](),
	typeOf[reg397](),
	typeOf[reg398](),
	typeOf[reg399](),
	typeOf[reg400](),
	typeOf[reg401](),
	typeOf[reg402](),
	typeOf[reg403](),
	typeOf[reg404](),
	typeOf[reg405](),
	typeOf[reg406](),
	typeOf[reg407](),
	typeOf[reg408](),
	typeOf[reg409](),
	typeOf[reg410](),
	typeOf[reg411](),
	typeOf[reg412](),
	typeOf[reg413](),
	typeOf[reg414](),
	typeOf[reg415](),
	typeOf[reg416](),
	typeOf[reg417](),
	typeOf[reg418](),
	typeOf[reg419](),
	typeOf[reg420](),
	typeOf[reg421](),
	typeOf[reg422](),
	typeOf[reg423](),
	typeOf[reg424](),
	typeOf[reg425](),
	typeOf[reg426](),
	typeOf[reg427](),
	typeOf[reg428](),
	typeOf[reg429](),
	typeOf[reg430](),
	typeOf[reg431](),
	typeOf[reg432](),
	typeOf[reg433](),
	typeOf[reg434](),
	typeOf[reg435](),
	typeOf[reg436](),
	typeOf[reg437](),
	typeOf[reg438](),
	typeOf[reg439](),
	typeOf[reg440](),
	typeOf[reg441](),
	typeOf[reg442](),
	typeOf[reg443](),
	typeOf[reg444](),
	typeOf[reg445](),
	typeOf[reg446](),
	typeOf[reg447](),
	typeOf[reg448](),
	typeOf[reg449](),
	typeOf[reg450](),
	typeOf[reg451](),
	typeOf[reg452](),
	typeOf[reg453](),
	typeOf[reg454](),
	typeOf[reg455](),
	typeOf[reg456](),
	typeOf[reg457](),
	typeOf[reg458](),
	typeOf[reg459](),
	typeOf[reg460](),
	typeOf[reg461](),
	typeOf[reg462](),
	typeOf[reg463](),
	typeOf[reg464](),
	typeOf[reg465](),
	typeOf[reg466](),
	typeOf[reg467](),
	typeOf[reg468](),
	typeOf[reg469](),
	typeOf[reg470](),
	typeOf[reg471](),
	typeOf[reg472](),
	typeOf[reg473](),
	typeOf[reg474](),
	typeOf[reg475](),
	typeOf[reg476](),
	typeOf[reg477](),
	typeOf[reg478](),
	typeOf[reg479](),
	typeOf[reg480](),
	typeOf[reg481](),
	typeOf[reg482](),
	typeOf[reg483](),
	typeOf[reg484](),
	typeOf[reg485](),
	typeOf[reg486](),
	typeOf[reg487](),
	typeOf[reg488](),
	typeOf[reg489](),
	typeOf[reg490](),
	typeOf[reg491](),
	typeOf[reg492](),
	typeOf[reg493](),
	typeOf[reg494](),
	typeOf[reg495](),
	typeOf[reg496](),
	typeOf[reg497](),
	typeOf[reg498](),
	typeOf[reg499](),
	typeOf[reg500](),
	typeOf[reg501](),
	typeOf[reg502](),
	typeOf[reg503](),
	typeOf[reg504](),
	typeOf[reg505](),
	typeOf[reg506](),
	typeOf[reg507](),
	typeOf[reg508](),
	typeOf[reg509](),
	typeOf[reg510](),
	typeOf[reg511](),
	typeOf[reg512](),
	typeOf[reg513](),
	typeOf[reg514](),
	typeOf[reg515](),
	typeOf[reg516](),
	typeOf[reg517](),
	typeOf[reg518](),
	typeOf[reg519](),
	typeOf[reg520](),
	typeOf[reg521](),
	typeOf[reg522](),
	typeOf[reg523](),
	typeOf[reg524](),
	typeOf[reg525](),
	typeOf[reg526](),
	typeOf[reg527](),
	typeOf[reg528](),
	typeOf[reg529](),
	typeOf[reg530](),
	typeOf[reg531](),
	typeOf[reg532](),
	typeOf[reg533](),
	typeOf[reg534](),
	typeOf[reg535](),
	typeOf[reg536](),
	typeOf[reg537](),
	typeOf[reg538](),
	typeOf[reg539](),
	typeOf[reg540](),
	typeOf[reg541](),
	typeOf[reg542](),
	typeOf[reg543](),
	typeOf[reg544](),
	typeOf[reg545](),
	typeOf[reg546](),
	typeOf[reg547](),
	typeOf[reg548](),
	typeOf[reg549](),
	typeOf[reg550](),
	typeOf[reg551](),
	typeOf[reg552](),
	typeOf[reg553](),
	typeOf[reg554](),
	typeOf[reg555](),
	typeOf[reg556](),
	typeOf[reg557](),
	typeOf[reg558](),
	typeOf[reg559](),
	typeOf[reg560](),
	typeOf[reg561](),
	typeOf[reg562](),
	typeOf[reg563](),
	typeOf[reg564](),
	typeOf[reg565](),
	typeOf[reg566](),
	typeOf[reg567](),
	typeOf[reg568](),
	typeOf[reg569](),
	typeOf[reg570](),
	typeOf[reg571](),
	typeOf[reg572](),
	typeOf[reg573](),
	typeOf[reg574](),
	typeOf[reg575](),
	typeOf[reg576](),
	typeOf[reg577](),
	typeOf[reg578](),
	typeOf[reg579](),
	typeOf[reg580](),
	typeOf[reg581](),
	typeOf[reg582](),
	typeOf[reg583](),
	typeOf[reg584](),
	typeOf[reg585](),
	typeOf[reg586](),
	typeOf[reg587](),
	typeOf[reg588](),
	typeOf[reg589](),
	typeOf[reg590](),
	typeOf[reg591](),
	typeOf[reg592](),
	typeOf[reg593](),
	typeOf[reg594](),
	typeOf[reg595](),
	typeOf[reg596](),
	typeOf[reg597](),
	typeOf[reg598](),
	typeOf[reg599](),
	typeOf[reg600](),
	typeOf[reg601](),
	typeOf[reg602](),
	typeOf[reg603](),
	typeOf[reg604](),
	typeOf[reg605](),
	typeOf[reg606](),
	typeOf[reg607](),
	typeOf[reg608](),
	typeOf[reg609](),
	typeOf[reg610](),
	typeOf[reg611](),
	typeOf[reg612](),
	typeOf[reg613](),
	typeOf[reg614](),
	typeOf[reg615](),
	typeOf[reg616](),
	typeOf[reg617](),
	typeOf[reg618](),
	typeOf[reg619](),
	typeOf[reg620](),
	typeOf[reg621](),
	typeOf[reg622](),
	typeOf[reg623](),
	typeOf[reg624](),
	typeOf[reg625](),
	typeOf[reg626](),
	typeOf[reg627](),
	typeOf[reg628](),
	typeOf[reg629](),
	typeOf[reg630](),
	typeOf[reg631](),
	typeOf[reg632](),
	typeOf[reg633](),
	typeOf[reg634](),
	typeOf[reg635](),
	typeOf[reg636](),
	typeOf[reg637](),
	typeOf[reg638](),
	typeOf[reg639](),
	typeOf[reg640](),
	typeOf[reg641](),
	typeOf[reg642](),
	typeOf[reg643](),
	typeOf[reg644](),
	typeOf[reg645](),
	typeOf[reg646](),
	typeOf[reg647](),
	typeOf[reg648](),
	typeOf[reg649](),
	typeOf[reg650](),
	typeOf[reg651](),
	typeOf[reg652](),
	typeOf[reg653](),
	typeOf[reg654](),
	typeOf[reg655](),
	typeOf[reg656](),
	typeOf[reg657](),
	typeOf[reg658](),
	typeOf[reg659](),
	typeOf[reg660](),
	typeOf[reg661](),
	typeOf[reg662](),
	typeOf[reg663](),
	typeOf[reg664](),
	typeOf[reg665](),
	typeOf[reg666](),
	typeOf[reg667](),
	typeOf[reg668](),
	typeOf[reg669](),
	typeOf[reg670](),
	typeOf[reg671](),
	typeOf[reg672](),
	typeOf[reg673](),
	typeOf[reg674](),
	typeOf[reg675](),
	typeOf[reg676](),
	typeOf[reg677](),
	typeOf[reg678](),
	typeOf[reg679](),
	typeOf[reg680](),
	typeOf[reg681](),
	typeOf[reg682](),
	typeOf[reg683](),
	typeOf[reg684](),
	typeOf[reg685](),
	typeOf[reg686](),
	typeOf[reg687](),
	typeOf[reg688](),
	typeOf[reg689](),
	typeOf[reg690](),
	typeOf[reg691](),
	typeOf[reg692](),
	typeOf[reg693](),
	typeOf[reg694](),
	typeOf[reg695](),
	typeOf[reg696](),
	typeOf[reg697](),
	typeOf[reg698](),
	typeOf[reg699](),
	typeOf[reg700](),
	typeOf[reg701](),
	typeOf[reg702](),
	typeOf[reg703](),
	typeOf[reg704](),
	typeOf[reg705](),
	typeOf[reg706](),
	typeOf[reg707](),
	typeOf[reg708](),
	typeOf[reg709](),
	typeOf[reg710](),
	typeOf[reg711](),
	typeOf[reg712](),
	typeOf[reg713](),
	typeOf[reg714](),
	typeOf[reg715](),
	typeOf[reg716](),
	typeOf[reg717](),
	typeOf[reg718](),
	typeOf[reg719](),
	typeOf[reg720](),
	typeOf[reg721](),
	typeOf[reg722](),
	typeOf[reg723](),
	typeOf[reg724](),
	typeOf[reg725](),
	typeOf[reg726](),
	typeOf[reg727](),
	typeOf[reg728](),
	typeOf[reg729](),
	typeOf[reg730](),
	typeOf[reg731](),
	typeOf[reg732](),
	typeOf[reg733](),
	typeOf[reg734](),
	typeOf[reg735](),
	typeOf[reg736](),
	typeOf[reg737](),
	typeOf[reg738](),
	typeOf[reg739](),
	typeOf[reg740](),
	typeOf[reg741](),
	typeOf[reg742](),
	typeOf[reg743](),
	typeOf[reg744](),
	typeOf[reg745](),
	typeOf[reg746](),
	typeOf[reg747](),
	typeOf[reg748](),
	typeOf[reg749](),
	typeOf[reg750](),
	typeOf[reg751](),
	typeOf[reg752](),
	typeOf[reg753](),
	typeOf[reg754](),
	typeOf[reg755](),
	typeOf[reg756](),
	typeOf[reg757](),
	typeOf[reg758](),
	typeOf[reg759](),
	typeOf[reg760](),
	typeOf[reg761](),
	typeOf[reg762](),
	typeOf[reg763](),
	typeOf[reg764](),
	typeOf[reg765](),
	typeOf[reg766](),
	typeOf[reg767](),
	typeOf[reg768](),
	typeOf[reg769](),
	typeOf[reg770](),
	typeOf[reg771](),
	typeOf[reg772](),
	typeOf[reg773](),
	typeOf[reg774](),
	typeOf[reg775](),
	typeOf[reg776](),
	typeOf[reg777](),
	typeOf[reg778](),
	typeOf[reg779](),
	typeOf[reg780](),
	typeOf[reg781](),
	typeOf[reg782](),
	typeOf[reg783](),
	typeOf[reg784](),
	typeOf[reg785](),
	typeOf[reg786](),
	typeOf[reg787](),
	typeOf[reg788](),
	typeOf[reg789](),
	typeOf[reg790](),
	typeOf[reg791](),
	typeOf[reg792](),
	typeOf[reg793](),
	typeOf[reg794](),
	typeOf[reg795](),
	typeOf[reg796](),
	typeOf[reg797](),
	typeOf[reg798](),
	typeOf[reg799](),
	typeOf[reg800](),
	typeOf[reg801](),
	typeOf[reg802](),
	typeOf[reg803](),
	typeOf[reg804](),
	typeOf[reg805](),
	typeOf[reg806](),
	typeOf[reg807](),
	typeOf[reg808](),
	typeOf[reg809](),
	typeOf[reg810](),
	typeOf[reg811](),
	typeOf[reg812](),
	typeOf[reg813](),
	typeOf[reg814](),
	typeOf[reg815](),
	typeOf[reg816](),
	typeOf[reg817](),
	typeOf[reg818](),
	typeOf[reg819](),
	typeOf[reg820](),
	typeOf[reg821](),
	typeOf[reg822](),
	typeOf[reg823](),
	typeOf[reg824](),
	typeOf[reg825](),
	typeOf[reg826](),
	typeOf[reg827](),
	typeOf[reg828](),
	typeOf[reg829](),
	typeOf[reg830](),
	typeOf[reg831](),
	typeOf[reg832](),
	typeOf[reg833](),
	typeOf[reg834](),
	typeOf[reg835](),
	typeOf[reg836](),
	typeOf[reg837](),
	typeOf[reg838](),
	typeOf[reg839](),
	typeOf[reg840](),
	typeOf[reg841](),
	typeOf[reg842](),
	typeOf[reg843](),
	typeOf[reg844](),
	typeOf[reg845](),
	typeOf[reg846](),
	typeOf[reg847](),
	typeOf[reg848](),
	typeOf[reg849](),
	typeOf[reg850](),
	typeOf[reg851](),
	typeOf[reg852](),
	typeOf[reg853](),
	typeOf[reg854](),
	typeOf[reg855](),
	typeOf[reg856](),
	typeOf[reg857](),
	typeOf[reg858](),
	typeOf[reg859](),
	typeOf[reg860](),
	typeOf[reg861](),
	typeOf[reg862](),
	typeOf[reg863](),
	typeOf[reg864](),
	typeOf[reg865](),
	typeOf[reg866](),
	typeOf[reg867](),
	typeOf[reg868](),
	typeOf[reg869](),
	typeOf[reg870](),
	typeOf[reg871](),
	typeOf[reg872](),
	typeOf[reg873](),
	typeOf[reg874](),
	typeOf[reg875](),
	typeOf[reg876](),
	typeOf[reg877](),
	typeOf[reg878](),
	typeOf[reg879](),
	typeOf[reg880](),
	typeOf[reg881](),
	typeOf[reg882](),
	typeOf[reg883](),
	typeOf[reg884](),
	typeOf[reg885](),
	typeOf[reg886](),
	typeOf[reg887](),
	typeOf[reg888](),
	typeOf[reg889](),
	typeOf[reg890](),
	typeOf[reg891](),
	typeOf[reg892](),
	typeOf[reg893](),
	typeOf[reg894](),
	typeOf[reg895](),
	typeOf[reg896](),
	typeOf[reg897](),
	typeOf[reg898](),
	typeOf[reg899](),
	typeOf[reg900](),
	typeOf[reg901](),
	typeOf[reg902](),
	typeOf[reg903](),
	typeOf[reg904](),
	typeOf[reg905](),
	typeOf[reg906](),
	typeOf[reg907](),
	typeOf[reg908](),
	typeOf[reg909](),
	typeOf[reg910](),
	typeOf[reg911](),
	typeOf[reg912](),
	typeOf[reg913](),
	typeOf[reg914](),
	typeOf[reg915](),
	typeOf[reg916](),
	typeOf[reg917](),
	typeOf[reg918](),
	typeOf[reg919](),
	typeOf[reg920](),
	typeOf[reg921](),
	typeOf[reg922](),
	typeOf[reg923](),
	typeOf[reg924](),
	typeOf[reg925](),
	typeOf[reg926](),
	typeOf[reg927](),
	typeOf[reg928](),
	typeOf[reg929](),
	typeOf[reg930](),
	typeOf[reg931](),
	typeOf[reg932](),
	typeOf[reg933](),
	typeOf[reg934](),
	typeOf[reg935](),
	typeOf[reg936](),
	typeOf[reg937](),
	typeOf[reg938](),
	typeOf[reg939](),
	typeOf[reg940](),
	typeOf[reg941](),
	typeOf[reg942](),
	typeOf[reg943](),
	typeOf[reg944](),
	typeOf[reg945](),
	typeOf[reg946](),
	typeOf[reg947](),
	typeOf[reg948](),
	typeOf[reg949](),
	typeOf[reg950](),
	typeOf[reg951](),
	typeOf[reg952](),
	typeOf[reg953](),
	typeOf[reg954](),
	typeOf[reg955](),
	typeOf[reg956](),
	typeOf[reg957](),
	typeOf[reg958](),
	typeOf[reg959](),
	typeOf[reg960](),
	typeOf[reg961](),
	typeOf[reg962](),
	typeOf[reg963](),
	typeOf[reg964](),
	typeOf[reg965](),
	typeOf[reg966](),
	typeOf[reg967](),
	typeOf[reg968](),
	typeOf[reg969](),
	typeOf[reg970](),
	typeOf[reg971](),
	typeOf[reg972](),
	typeOf[reg973](),
	typeOf[reg974](),
	typeOf[reg975](),
	typeOf[reg976](),
	typeOf[reg977](),
	typeOf[reg978](),
	typeOf[reg979](),
	typeOf[reg980](),
	typeOf[reg981](),
	typeOf[reg982](),
	typeOf[reg983](),
	typeOf[reg984](),
	typeOf[reg985](),
	typeOf[reg986](),
	typeOf[reg987](),
	typeOf[reg988](),
	typeOf[reg989](),
	typeOf[reg990](),
	typeOf[reg991](),
	typeOf[reg992](),
	typeOf[reg993](),
	typeOf[reg994](),
	typeOf[reg995](),
	typeOf[reg996](),
	typeOf[reg997](),
	typeOf[reg998](),
	typeOf[reg999](),
	typeOf[reg1000](),
	typeOf[reg1001](),
	typeOf[reg1002](),
	typeOf[reg1003](),
	typeOf[reg1004](),
	typeOf[reg1005](),
	typeOf[reg1006](),
	typeOf[reg1007](),
	typeOf[reg1008](),
	typeOf[reg1009](),
	typeOf[reg1010](),
	typeOf[reg1011](),
	typeOf[reg1012](),
	typeOf[reg1013](),
	typeOf[reg1014](),
	typeOf[reg1015](),
	typeOf[reg1016](),
	typeOf[reg1017](),
	typeOf[reg1018](),
	typeOf[reg1019](),
	typeOf[reg1020](),
	typeOf[reg1021](),
	typeOf[reg1022](),
	typeOf[reg1023](),
	typeOf[reg1024](),
	typeOf[reg1025](),
	typeOf[reg1026](),
	typeOf[reg1027](),
	typeOf[reg1028](),
	typeOf[reg1029](),
	typeOf[reg1030](),
	typeOf[reg1031](),
	typeOf[reg1032](),
	typeOf[reg1033](),
	typeOf[reg1034](),
	typeOf[reg1035](),
	typeOf[reg1036](),
	typeOf[reg1037](),
	typeOf[reg1038](),
	typeOf[reg1039](),
	typeOf[reg1040](),
	typeOf[reg1041](),
	typeOf[reg1042](),
	typeOf[reg1043](),
	typeOf[reg1044](),
	typeOf[reg1045](),
	typeOf[reg1046](),
	typeOf[reg1047](),
	typeOf[reg1048](),
	typeOf[reg1049](),
	typeOf[reg1050](),
	typeOf[reg1051](),
	typeOf[reg1052](),
	typeOf[reg1053](),
	typeOf[reg1054](),
	typeOf[reg1055](),
	typeOf[reg1056](),
	typeOf[reg1057](),
	typeOf[reg1058](),
	typeOf[reg1059](),
	typeOf[reg1060](),
	typeOf[reg1061](),
	typeOf[reg1062](),
	typeOf[reg1063](),
	typeOf[reg1064](),
	typeOf[reg1065](),
	typeOf[reg1066](),
	typeOf[reg1067](),
	typeOf[reg1068](),
	typeOf[reg1069](),
	typeOf[reg1070](),
	typeOf[reg1071](),
	typeOf[reg1072](),
	typeOf[reg1073](),
	typeOf[reg1074](),
	typeOf[reg1075](),
	typeOf[reg1076](),
	typeOf[reg1077](),
	typeOf[reg1078](),
	typeOf[reg1079](),
	typeOf[reg1080](),
	typeOf[reg1081](),
	typeOf[reg1082](),
	typeOf[reg1083](),
	typeOf[reg1084](),
	typeOf[reg1085](),
	typeOf[reg1086](),
	typeOf[reg1087](),
	typeOf[reg1088](),
	typeOf[reg1089](),
	typeOf[reg1090](),
	typeOf[reg1091](),
	typeOf[reg1092](),
	typeOf[reg1093](),
	typeOf[reg1094](),
	typeOf[reg1095](),
	typeOf[reg1096](),
	typeOf[reg1097](),
	typeOf[reg1098](),
	typeOf[reg1099](),
	typeOf[reg1100](),
	typeOf[reg1101](),
	typeOf[reg1102](),
	typeOf[reg1103](),
	typeOf[reg1104](),
	typeOf[reg1105](),
	typeOf[reg1106](),
	typeOf[reg1107](),
	typeOf[reg1108](),
	typeOf[reg1109](),
	typeOf[reg1110](),
	typeOf[reg1111](),
	typeOf[reg1112](),
	typeOf[reg1113](),
	typeOf[reg1114](),
	typeOf[reg1115](),
	typeOf[reg1116](),
	typeOf[reg1117](),
	typeOf[reg1118](),
	typeOf[reg1119](),
	typeOf[reg1120](),
	typeOf[reg1121](),
	typeOf[reg1122](),
	typeOf[reg1123](),
	typeOf[reg1124](),
	typeOf[reg1125](),
	typeOf[reg1126](),
	typeOf[reg1127](),
	typeOf[reg1128](),
	typeOf[reg1129](),
	typeOf[reg1130](),
	typeOf[reg1131](),
	typeOf[reg1132](),
	typeOf[reg1133](),
	typeOf[reg1134](),
	typeOf[reg1135](),
	typeOf[reg1136](),
	typeOf[reg1137](),
	typeOf[reg1138](),
	typeOf[reg1139](),
	typeOf[reg1140](),
	typeOf[reg1141](),
	typeOf[reg1142](),
	typeOf[reg1143](),
	typeOf[reg1144](),
	typeOf[reg1145](),
	typeOf[reg1146](),
	typeOf[reg1147](),
	typeOf[reg1148](),
	typeOf[reg1149](),
	typeOf[reg1150](),
	typeOf[reg1151](),
	typeOf[reg1152](),
	typeOf[reg1153](),
	typeOf[reg1154](),
	typeOf[reg1155](),
	typeOf[reg1156](),
	typeOf[reg1157](),
	typeOf[reg1158](),
	typeOf[reg1159](),
	typeOf[reg1160](),
	typeOf[reg1161](),
	typeOf[reg1162](),
	typeOf[reg1163](),
	typeOf[reg1164](),
	typeOf[reg1165](),
	typeOf[reg1166](),
	typeOf[reg1167](),
	typeOf[reg1168](),
	typeOf[reg1169](),
	typeOf[reg1170](),
	typeOf[reg1171](),
	typeOf[reg1172](),
	typeOf[reg1173](),
	typeOf[reg1174](),
	typeOf[reg1175](),
	typeOf[reg1176](),
	typeOf[reg1177](),
	typeOf[reg1178](),
	typeOf[reg1179](),
	typeOf[reg1180](),
	typeOf[reg1181](),
	typeOf[reg1182](),
	typeOf[reg1183](),
	typeOf[reg1184](),
	typeOf[reg1185](),
	typeOf[reg1186](),
	typeOf[reg1187](),
	typeOf[reg1188](),
	typeOf[reg1189](),
	typeOf[reg1190](),
	typeOf[reg1191](),
	typeOf[reg1192](),
	typeOf[reg1193](),
	typeOf[reg1194](),
	typeOf[reg1195](),
	typeOf[reg1196](),
	typeOf[reg1197](),
	typeOf[reg1198](),
	typeOf[reg1199](),
}

type (
	reg0    struct{ RegBase }
	reg1    struct{ RegBase }
	reg2    struct{ RegBase }
	reg3    struct{ RegBase }
	reg4    struct{ RegBase }
	reg5    struct{ RegBase }
	reg6    struct{ RegBase }
	reg7    struct{ RegBase }
	reg8    struct{ RegBase }
	reg9    struct{ RegBase }
	reg10   struct{ RegBase }
	reg11   struct{ RegBase }
	reg12   struct{ RegBase }
	reg13   struct{ RegBase }
	reg14   struct{ RegBase }
	reg15   struct{ RegBase }
	reg16   struct{ RegBase }
	reg17   struct{ RegBase }
	reg18   struct{ RegBase }
	reg19   struct{ RegBase }
	reg20   struct{ RegBase }
	reg21   struct{ RegBase }
	reg22   struct{ RegBase }
	reg23   struct{ RegBase }
	reg24   struct{ RegBase }
	reg25   struct{ RegBase }
	reg26   struct{ RegBase }
	reg27   struct{ RegBase }
	reg28   struct{ RegBase }
	reg29   struct{ RegBase }
	reg30   struct{ RegBase }
	reg31   struct{ RegBase }
	reg32   struct{ RegBase }
	reg33   struct{ RegBase }
	reg34   struct{ RegBase }
	reg35   struct{ RegBase }
	reg36   struct{ RegBase }
	reg37   struct{ RegBase }
	reg38   struct{ RegBase }
	reg39   struct{ RegBase }
	reg40   struct{ RegBase }
	reg41   struct{ RegBase }
	reg42   struct{ RegBase }
	reg43   struct{ RegBase }
	reg44   struct{ RegBase }
	reg45   struct{ RegBase }
	reg46   struct{ RegBase }
	reg47   struct{ RegBase }
	reg48   struct{ RegBase }
	reg49   struct{ RegBase }
	reg50   struct{ RegBase }
	reg51   struct{ RegBase }
	reg52   struct{ RegBase }
	reg53   struct{ RegBase }
	reg54   struct{ RegBase }
	reg55   struct{ RegBase }
	reg56   struct{ RegBase }
	reg57   struct{ RegBase }
	reg58   struct{ RegBase }
	reg59   struct{ RegBase }
	reg60   struct{ RegBase }
	reg61   struct{ RegBase }
	reg62   struct{ RegBase }
	reg63   struct{ RegBase }
	reg64   struct{ RegBase }
	reg65   struct{ RegBase }
	reg66   struct{ RegBase }
	reg67   struct{ RegBase }
	reg68   struct{ RegBase }
	reg69   struct{ RegBase }
	reg70   struct{ RegBase }
	reg71   struct{ RegBase }
	reg72   struct{ RegBase }
	reg73   struct{ RegBase }
	reg74   struct{ RegBase }
	reg75   struct{ RegBase }
	reg76   struct{ RegBase }
	reg77   struct{ RegBase }
	reg78   struct{ RegBase }
	reg79   struct{ RegBase }
	reg80   struct{ RegBase }
	reg81   struct{ RegBase }
	reg82   struct{ RegBase }
	reg83   struct{ RegBase }
	reg84   struct{ RegBase }
	reg85   struct{ RegBase }
	reg86   struct{ RegBase }
	reg87   struct{ RegBase }
	reg88   struct{ RegBase }
	reg89   struct{ RegBase }
	reg90   struct{ RegBase }
	reg91   struct{ RegBase }
	reg92   struct{ RegBase }
	reg93   struct{ RegBase }
	reg94   struct{ RegBase }
	reg95   struct{ RegBase }
	reg96   struct{ RegBase }
	reg97   struct{ RegBase }
	reg98   struct{ RegBase }
	reg99   struct{ RegBase }
	reg100  struct{ RegBase }
	reg101  struct{ RegBase }
	reg102  struct{ RegBase }
	reg103  struct{ RegBase }
	reg104  struct{ RegBase }
	reg105  struct{ RegBase }
	reg106  struct{ RegBase }
	reg107  struct{ RegBase }
	reg108  struct{ RegBase }
	reg109  struct{ RegBase }
	reg110  struct{ RegBase }
	reg111  struct{ RegBase }
	reg112  struct{ RegBase }
	reg113  struct{ RegBase }
	reg114  struct{ RegBase }
	reg115  struct{ RegBase }
	reg116  struct{ RegBase }
	reg117  struct{ RegBase }
	reg118  struct{ RegBase }
	reg119  struct{ RegBase }
	reg120  struct{ RegBase }
	reg121  struct{ RegBase }
	reg122  struct{ RegBase }
	reg123  struct{ RegBase }
	reg124  struct{ RegBase }
	reg125  struct{ RegBase }
	reg126  struct{ RegBase }
	reg127  struct{ RegBase }
	reg128  struct{ RegBase }
	reg129  struct{ RegBase }
	reg130  struct{ RegBase }
	reg131  struct{ RegBase }
	reg132  struct{ RegBase }
	reg133  struct{ RegBase }
	reg134  struct{ RegBase }
	reg135  struct{ RegBase }
	reg136  struct{ RegBase }
	reg137  struct{ RegBase }
	reg138  struct{ RegBase }
	reg139  struct{ RegBase }
	reg140  struct{ RegBase }
	reg141  struct{ RegBase }
	reg142  struct{ RegBase }
	reg143  struct{ RegBase }
	reg144  struct{ RegBase }
	reg145  struct{ RegBase }
	reg146  struct{ RegBase }
	reg147  struct{ RegBase }
	reg148  struct{ RegBase }
	reg149  struct{ RegBase }
	reg150  struct{ RegBase }
	reg151  struct{ RegBase }
	reg152  struct{ RegBase }
	reg153  struct{ RegBase }
	reg154  struct{ RegBase }
	reg155  struct{ RegBase }
	reg156  struct{ RegBase }
	reg157  struct{ RegBase }
	reg158  struct{ RegBase }
	reg159  struct{ RegBase }
	reg160  struct{ RegBase }
	reg161  struct{ RegBase }
	reg162  struct{ RegBase }
	reg163  struct{ RegBase }
	reg164  struct{ RegBase }
	reg165  struct{ RegBase }
	reg166  struct{ RegBase }
	reg167  struct{ RegBase }
	reg168  struct{ RegBase }
	reg169  struct{ RegBase }
	reg170  struct{ RegBase }
	reg171  struct{ RegBase }
	reg172  struct{ RegBase }
	reg173  struct{ RegBase }
	reg174  struct{ RegBase }
	reg175  struct{ RegBase }
	reg176  struct{ RegBase }
	reg177  struct{ RegBase }
	reg178  struct{ RegBase }
	reg179  struct{ RegBase }
	reg180  struct{ RegBase }
	reg181  struct{ RegBase }
	reg182  struct{ RegBase }
	reg183  struct{ RegBase }
	reg184  struct{ RegBase }
	reg185  struct{ RegBase }
	reg186  struct{ RegBase }
	reg187  struct{ RegBase }
	reg188  struct{ RegBase }
	reg189  struct{ RegBase }
	reg190  struct{ RegBase }
	reg191  struct{ RegBase }
	reg192  struct{ RegBase }
	reg193  struct{ RegBase }
	reg194  struct{ RegBase }
	reg195  struct{ RegBase }
	reg196  struct{ RegBase }
	reg197  struct{ RegBase }
	reg198  struct{ RegBase }
	reg199  struct{ RegBase }
	reg200  struct{ RegBase }
	reg201  struct{ RegBase }
	reg202  struct{ RegBase }
	reg203  struct{ RegBase }
	reg204  struct{ RegBase }
	reg205  struct{ RegBase }
	reg206  struct{ RegBase }
	reg207  struct{ RegBase }
	reg208  struct{ RegBase }
	reg209  struct{ RegBase }
	reg210  struct{ RegBase }
	reg211  struct{ RegBase }
	reg212  struct{ RegBase }
	reg213  struct{ RegBase }
	reg214  struct{ RegBase }
	reg215  struct{ RegBase }
	reg216  struct{ RegBase }
	reg217  struct{ RegBase }
	reg218  struct{ RegBase }
	reg219  struct{ RegBase }
	reg220  struct{ RegBase }
	reg221  struct{ RegBase }
	reg222  struct{ RegBase }
	reg223  struct{ RegBase }
	reg224  struct{ RegBase }
	reg225  struct{ RegBase }
	reg226  struct{ RegBase }
	reg227  struct{ RegBase }
	reg228  struct{ RegBase }
	reg229  struct{ RegBase }
	reg230  struct{ RegBase }
	reg231  struct{ RegBase }
	reg232  struct{ RegBase }
	reg233  struct{ RegBase }
	reg234  struct{ RegBase }
	reg235  struct{ RegBase }
	reg236  struct{ RegBase }
	reg237  struct{ RegBase }
	reg238  struct{ RegBase }
	reg239  struct{ RegBase }
	reg240  struct{ RegBase }
	reg241  struct{ RegBase }
	reg242  struct{ RegBase }
	reg243  struct{ RegBase }
	reg244  struct{ RegBase }
	reg245  struct{ RegBase }
	reg246  struct{ RegBase }
	reg247  struct{ RegBase }
	reg248  struct{ RegBase }
	reg249  struct{ RegBase }
	reg250  struct{ RegBase }
	reg251  struct{ RegBase }
	reg252  struct{ RegBase }
	reg253  struct{ RegBase }
	reg254  struct{ RegBase }
	reg255  struct{ RegBase }
	reg256  struct{ RegBase }
	reg257  struct{ RegBase }
	reg258  struct{ RegBase }
	reg259  struct{ RegBase }
	reg260  struct{ RegBase }
	reg261  struct{ RegBase }
	reg262  struct{ RegBase }
	reg263  struct{ RegBase }
	reg264  struct{ RegBase }
	reg265  struct{ RegBase }
	reg266  struct{ RegBase }
	reg267  struct{ RegBase }
	reg268  struct{ RegBase }
	reg269  struct{ RegBase }
	reg270  struct{ RegBase }
	reg271  struct{ RegBase }
	reg272  struct{ RegBase }
	reg273  struct{ RegBase }
	reg274  struct{ RegBase }
	reg275  struct{ RegBase }
	reg276  struct{ RegBase }
	reg277  struct{ RegBase }
	reg278  struct{ RegBase }
	reg279  struct{ RegBase }
	reg280  struct{ RegBase }
	reg281  struct{ RegBase }
	reg282  struct{ RegBase }
	reg283  struct{ RegBase }
	reg284  struct{ RegBase }
	reg285  struct{ RegBase }
	reg286  struct{ RegBase }
	reg287  struct{ RegBase }
	reg288  struct{ RegBase }
	reg289  struct{ RegBase }
	reg290  struct{ RegBase }
	reg291  struct{ RegBase }
	reg292  struct{ RegBase }
	reg293  struct{ RegBase }
	reg294  struct{ RegBase }
	reg295  struct{ RegBase }
	reg296  struct{ RegBase }
	reg297  struct{ RegBase }
	reg298  struct{ RegBase }
	reg299  struct{ RegBase }
	reg300  struct{ RegBase }
	reg301  struct{ RegBase }
	reg302  struct{ RegBase }
	reg303  struct{ RegBase }
	reg304  struct{ RegBase }
	reg305  struct{ RegBase }
	reg306  struct{ RegBase }
	reg307  struct{ RegBase }
	reg308  struct{ RegBase }
	reg309  struct{ RegBase }
	reg310  struct{ RegBase }
	reg311  struct{ RegBase }
	reg312  struct{ RegBase }
	reg313  struct{ RegBase }
	reg314  struct{ RegBase }
	reg315  struct{ RegBase }
	reg316  struct{ RegBase }
	reg317  struct{ RegBase }
	reg318  struct{ RegBase }
	reg319  struct{ RegBase }
	reg320  struct{ RegBase }
	reg321  struct{ RegBase }
	reg322  struct{ RegBase }
	reg323  struct{ RegBase }
	reg324  struct{ RegBase }
	reg325  struct{ RegBase }
	reg326  struct{ RegBase }
	reg327  struct{ RegBase }
	reg328  struct{ RegBase }
	reg329  struct{ RegBase }
	reg330  struct{ RegBase }
	reg331  struct{ RegBase }
	reg332  struct{ RegBase }
	reg333  struct{ RegBase }
	reg334  struct{ RegBase }
	reg335  struct{ RegBase }
	reg336  struct{ RegBase }
	reg337  struct{ RegBase }
	reg338  struct{ RegBase }
	reg339  struct{ RegBase }
	reg340  struct{ RegBase }
	reg341  struct{ RegBase }
	reg342  struct{ RegBase }
	reg343  struct{ RegBase }
	reg344  struct{ RegBase }
	reg345  struct{ RegBase }
	reg346  struct{ RegBase }
	reg347  struct{ RegBase }
	reg348  struct{ RegBase }
	reg349  struct{ RegBase }
	reg350  struct{ RegBase }
	reg351  struct{ RegBase }
	reg352  struct{ RegBase }
	reg353  struct{ RegBase }
	reg354  struct{ RegBase }
	reg355  struct{ RegBase }
	reg356  struct{ RegBase }
	reg357  struct{ RegBase }
	reg358  struct{ RegBase }
	reg359  struct{ RegBase }
	reg360  struct{ RegBase }
	reg361  struct{ RegBase }
	reg362  struct{ RegBase }
	reg363  struct{ RegBase }
	reg364  struct{ RegBase }
	reg365  struct{ RegBase }
	reg366  struct{ RegBase }
	reg367  struct{ RegBase }
	reg368  struct{ RegBase }
	reg369  struct{ RegBase }
	reg370  struct{ RegBase }
	reg371  struct{ RegBase }
	reg372  struct{ RegBase }
	reg373  struct{ RegBase }
	reg374  struct{ RegBase }
	reg375  struct{ RegBase }
	reg376  struct{ RegBase }
	reg377  struct{ RegBase }
	reg378  struct{ RegBase }
	reg379  struct{ RegBase }
	reg380  struct{ RegBase }
	reg381  struct{ RegBase }
	reg382  struct{ RegBase }
	reg383  struct{ RegBase }
	reg384  struct{ RegBase }
	reg385  struct{ RegBase }
	reg386  struct{ RegBase }
	reg387  struct{ RegBase }
	reg388  struct{ RegBase }
	reg389  struct{ RegBase }
	reg390  struct{ RegBase }
	reg391  struct{ RegBase }
	reg392  struct{ RegBase }
	reg393  struct{ RegBase }
	reg394  struct{ RegBase }
	reg395  struct{ RegBase }
	reg396  struct{ RegBase }
	reg397  struct{ RegBase }
	reg398  struct{ RegBase }
	reg399  struct{ RegBase }
	reg400  struct{ RegBase }
	reg401  struct{ RegBase }
	reg402  struct{ RegBase }
	reg403  struct{ RegBase }
	reg404  struct{ RegBase }
	reg405  struct{ RegBase }
	reg406  struct{ RegBase }
	reg407  struct{ RegBase }
	reg408  struct{ RegBase }
	reg409  struct{ RegBase }
	reg410  struct{ RegBase }
	reg411  struct{ RegBase }
	reg412  struct{ RegBase }
	reg413  struct{ RegBase }
	reg414  struct{ RegBase }
	reg415  struct{ RegBase }
	reg416  struct{ RegBase }
	reg417  struct{ RegBase }
	reg418  struct{ RegBase }
	reg419  struct{ RegBase }
	reg420  struct{ RegBase }
	reg421  struct{ RegBase }
	reg422  struct{ RegBase }
	reg423  struct{ RegBase }
	reg424  struct{ RegBase }
	reg425  struct{ RegBase }
	reg426  struct{ RegBase }
	reg427  struct{ RegBase }
	reg428  struct{ RegBase }
	reg429  struct{ RegBase }
	reg430  struct{ RegBase }
	reg431  struct{ RegBase }
	reg432  struct{ RegBase }
	reg433  struct{ RegBase }
	reg434  struct{ RegBase }
	reg435  struct{ RegBase }
	reg436  struct{ RegBase }
	reg437  struct{ RegBase }
	reg438  struct{ RegBase }
	reg439  struct{ RegBase }
	reg440  struct{ RegBase }
	reg441  struct{ RegBase }
	reg442  struct{ RegBase }
	reg443  struct{ RegBase }
	reg444  struct{ RegBase }
	reg445  struct{ RegBase }
	reg446  struct{ RegBase }
	reg447  struct{ RegBase }
	reg448  struct{ RegBase }
	reg449  struct{ RegBase }
	reg450  struct{ RegBase }
	reg451  struct{ RegBase }
	reg452  struct{ RegBase }
	reg453  struct{ RegBase }
	reg454  struct{ RegBase }
	reg455  struct{ RegBase }
	reg456  struct{ RegBase }
	reg457  struct{ RegBase }
	reg458  struct{ RegBase }
	reg459  struct{ RegBase }
	reg460  struct{ RegBase }
	reg461  struct{ RegBase }
	reg462  struct{ RegBase }
	reg463  struct{ RegBase }
	reg464  struct{ RegBase }
	reg465  struct{ RegBase }
	reg466  struct{ RegBase }
	reg467  struct{ RegBase }
	reg468  struct{ RegBase }
	reg469  struct{ RegBase }
	reg470  struct{ RegBase }
	reg471  struct{ RegBase }
	reg472  struct{ RegBase }
	reg473  struct{ RegBase }
	reg474  struct{ RegBase }
	reg475  struct{ RegBase }
	reg476  struct{ RegBase }
	reg477  struct{ RegBase }
	reg478  struct{ RegBase }
	reg479  struct{ RegBase }
	reg480  struct{ RegBase }
	reg481  struct{ RegBase }
	reg482  struct{ RegBase }
	reg483  struct{ RegBase }
	reg484  struct{ RegBase }
	reg485  struct{ RegBase }
	reg486  struct{ RegBase }
	reg487  struct{ RegBase }
	reg488  struct{ RegBase }
	reg489  struct{ RegBase }
	reg490  struct{ RegBase }
	reg491  struct{ RegBase }
	reg492  struct{ RegBase }
	reg493  struct{ RegBase }
	reg494  struct{ RegBase }
	reg495  struct{ RegBase }
	reg496  struct{ RegBase }
	reg497  struct{ RegBase }
	reg498  struct{ RegBase }
	reg499  struct{ RegBase }
	reg500  struct{ RegBase }
	reg501  struct{ RegBase }
	reg502  struct{ RegBase }
	reg503  struct{ RegBase }
	reg504  struct{ RegBase }
	reg505  struct{ RegBase }
	reg506  struct{ RegBase }
	reg507  struct{ RegBase }
	reg508  struct{ RegBase }
	reg509  struct{ RegBase }
	reg510  struct{ RegBase }
	reg511  struct{ RegBase }
	reg512  struct{ RegBase }
	reg513  struct{ RegBase }
	reg514  struct{ RegBase }
	reg515  struct{ RegBase }
	reg516  struct{ RegBase }
	reg517  struct{ RegBase }
	reg518  struct{ RegBase }
	reg519  struct{ RegBase }
	reg520  struct{ RegBase }
	reg521  struct{ RegBase }
	reg522  struct{ RegBase }
	reg523  struct{ RegBase }
	reg524  struct{ RegBase }
	reg525  struct{ RegBase }
	reg526  struct{ RegBase }
	reg527  struct{ RegBase }
	reg528  struct{ RegBase }
	reg529  struct{ RegBase }
	reg530  struct{ RegBase }
	reg531  struct{ RegBase }
	reg532  struct{ RegBase }
	reg533  struct{ RegBase }
	reg534  struct{ RegBase }
	reg535  struct{ RegBase }
	reg536  struct{ RegBase }
	reg537  struct{ RegBase }
	reg538  struct{ RegBase }
	reg539  struct{ RegBase }
	reg540  struct{ RegBase }
	reg541  struct{ RegBase }
	reg542  struct{ RegBase }
	reg543  struct{ RegBase }
	reg544  struct{ RegBase }
	reg545  struct{ RegBase }
	reg546  struct{ RegBase }
	reg547  struct{ RegBase }
	reg548  struct{ RegBase }
	reg549  struct{ RegBase }
	reg550  struct{ RegBase }
	reg551  struct{ RegBase }
	reg552  struct{ RegBase }
	reg553  struct{ RegBase }
	reg554  struct{ RegBase }
	reg555  struct{ RegBase }
	reg556  struct{ RegBase }
	reg557  struct{ RegBase }
	reg558  struct{ RegBase }
	reg559  struct{ RegBase }
	reg560  struct{ RegBase }
	reg561  struct{ RegBase }
	reg562  struct{ RegBase }
	reg563  struct{ RegBase }
	reg564  struct{ RegBase }
	reg565  struct{ RegBase }
	reg566  struct{ RegBase }
	reg567  struct{ RegBase }
	reg568  struct{ RegBase }
	reg569  struct{ RegBase }
	reg570  struct{ RegBase }
	reg571  struct{ RegBase }
	reg572  struct{ RegBase }
	reg573  struct{ RegBase }
	reg574  struct{ RegBase }
	reg575  struct{ RegBase }
	reg576  struct{ RegBase }
	reg577  struct{ RegBase }
	reg578  struct{ RegBase }
	reg579  struct{ RegBase }
	reg580  struct{ RegBase }
	reg581  struct{ RegBase }
	reg582  struct{ RegBase }
	reg583  struct{ RegBase }
	reg584  struct{ RegBase }
	reg585  struct{ RegBase }
	reg586  struct{ RegBase }
	reg587  struct{ RegBase }
	reg588  struct{ RegBase }
	reg589  struct{ RegBase }
	reg590  struct{ RegBase }
	reg591  struct{ RegBase }
	reg592  struct{ RegBase }
	reg593  struct{ RegBase }
	reg594  struct{ RegBase }
	reg595  struct{ RegBase }
	reg596  struct{ RegBase }
	reg597  struct{ RegBase }
	reg598  struct{ RegBase }
	reg599  struct{ RegBase }
	reg600  struct{ RegBase }
	reg601  struct{ RegBase }
	reg602  struct{ RegBase }
	reg603  struct{ RegBase }
	reg604  struct{ RegBase }
	reg605  struct{ RegBase }
	reg606  struct{ RegBase }
	reg607  struct{ RegBase }
	reg608  struct{ RegBase }
	reg609  struct{ RegBase }
	reg610  struct{ RegBase }
	reg611  struct{ RegBase }
	reg612  struct{ RegBase }
	reg613  struct{ RegBase }
	reg614  struct{ RegBase }
	reg615  struct{ RegBase }
	reg616  struct{ RegBase }
	reg617  struct{ RegBase }
	reg618  struct{ RegBase }
	reg619  struct{ RegBase }
	reg620  struct{ RegBase }
	reg621  struct{ RegBase }
	reg622  struct{ RegBase }
	reg623  struct{ RegBase }
	reg624  struct{ RegBase }
	reg625  struct{ RegBase }
	reg626  struct{ RegBase }
	reg627  struct{ RegBase }
	reg628  struct{ RegBase }
	reg629  struct{ RegBase }
	reg630  struct{ RegBase }
	reg631  struct{ RegBase }
	reg632  struct{ RegBase }
	reg633  struct{ RegBase }
	reg634  struct{ RegBase }
	reg635  struct{ RegBase }
	reg636  struct{ RegBase }
	reg637  struct{ RegBase }
	reg638  struct{ RegBase }
	reg639  struct{ RegBase }
	reg640  struct{ RegBase }
	reg641  struct{ RegBase }
	reg642  struct{ RegBase }
	reg643  struct{ RegBase }
	reg644  struct{ RegBase }
	reg645  struct{ RegBase }
	reg646  struct{ RegBase }
	reg647  struct{ RegBase }
	reg648  struct{ RegBase }
	reg649  struct{ RegBase }
	reg650  struct{ RegBase }
	reg651  struct{ RegBase }
	reg652  struct{ RegBase }
	reg653  struct{ RegBase }
	reg654  struct{ RegBase }
	reg655  struct{ RegBase }
	reg656  struct{ RegBase }
	reg657  struct{ RegBase }
	reg658  struct{ RegBase }
	reg659  struct{ RegBase }
	reg660  struct{ RegBase }
	reg661  struct{ RegBase }
	reg662  struct{ RegBase }
	reg663  struct{ RegBase }
	reg664  struct{ RegBase }
	reg665  struct{ RegBase }
	reg666  struct{ RegBase }
	reg667  struct{ RegBase }
	reg668  struct{ RegBase }
	reg669  struct{ RegBase }
	reg670  struct{ RegBase }
	reg671  struct{ RegBase }
	reg672  struct{ RegBase }
	reg673  struct{ RegBase }
	reg674  struct{ RegBase }
	reg675  struct{ RegBase }
	reg676  struct{ RegBase }
	reg677  struct{ RegBase }
	reg678  struct{ RegBase }
	reg679  struct{ RegBase }
	reg680  struct{ RegBase }
	reg681  struct{ RegBase }
	reg682  struct{ RegBase }
	reg683  struct{ RegBase }
	reg684  struct{ RegBase }
	reg685  struct{ RegBase }
	reg686  struct{ RegBase }
	reg687  struct{ RegBase }
	reg688  struct{ RegBase }
	reg689  struct{ RegBase }
	reg690  struct{ RegBase }
	reg691  struct{ RegBase }
	reg692  struct{ RegBase }
	reg693  struct{ RegBase }
	reg694  struct{ RegBase }
	reg695  struct{ RegBase }
	reg696  struct{ RegBase }
	reg697  struct{ RegBase }
	reg698  struct{ RegBase }
	reg699  struct{ RegBase }
	reg700  struct{ RegBase }
	reg701  struct{ RegBase }
	reg702  struct{ RegBase }
	reg703  struct{ RegBase }
	reg704  struct{ RegBase }
	reg705  struct{ RegBase }
	reg706  struct{ RegBase }
	reg707  struct{ RegBase }
	reg708  struct{ RegBase }
	reg709  struct{ RegBase }
	reg710  struct{ RegBase }
	reg711  struct{ RegBase }
	reg712  struct{ RegBase }
	reg713  struct{ RegBase }
	reg714  struct{ RegBase }
	reg715  struct{ RegBase }
	reg716  struct{ RegBase }
	reg717  struct{ RegBase }
	reg718  struct{ RegBase }
	reg719  struct{ RegBase }
	reg720  struct{ RegBase }
	reg721  struct{ RegBase }
	reg722  struct{ RegBase }
	reg723  struct{ RegBase }
	reg724  struct{ RegBase }
	reg725  struct{ RegBase }
	reg726  struct{ RegBase }
	reg727  struct{ RegBase }
	reg728  struct{ RegBase }
	reg729  struct{ RegBase }
	reg730  struct{ RegBase }
	reg731  struct{ RegBase }
	reg732  struct{ RegBase }
	reg733  struct{ RegBase }
	reg734  struct{ RegBase }
	reg735  struct{ RegBase }
	reg736  struct{ RegBase }
	reg737  struct{ RegBase }
	reg738  struct{ RegBase }
	reg739  struct{ RegBase }
	reg740  struct{ RegBase }
	reg741  struct{ RegBase }
	reg742  struct{ RegBase }
	reg743  struct{ RegBase }
	reg744  struct{ RegBase }
	reg745  struct{ RegBase }
	reg746  struct{ RegBase }
	reg747  struct{ RegBase }
	reg748  struct{ RegBase }
	reg749  struct{ RegBase }
	reg750  struct{ RegBase }
	reg751  struct{ RegBase }
	reg752  struct{ RegBase }
	reg753  struct{ RegBase }
	reg754  struct{ RegBase }
	reg755  struct{ RegBase }
	reg756  struct{ RegBase }
	reg757  struct{ RegBase }
	reg758  struct{ RegBase }
	reg759  struct{ RegBase }
	reg760  struct{ RegBase }
	reg761  struct{ RegBase }
	reg762  struct{ RegBase }
	reg763  struct{ RegBase }
	reg764  struct{ RegBase }
	reg765  struct{ RegBase }
	reg766  struct{ RegBase }
	reg767  struct{ RegBase }
	reg768  struct{ RegBase }
	reg769  struct{ RegBase }
	reg770  struct{ RegBase }
	reg771  struct{ RegBase }
	reg772  struct{ RegBase }
	reg773  struct{ RegBase }
	reg774  struct{ RegBase }
	reg775  struct{ RegBase }
	reg776  struct{ RegBase }
	reg777  struct{ RegBase }
	reg778  struct{ RegBase }
	reg779  struct{ RegBase }
	reg780  struct{ RegBase }
	reg781  struct{ RegBase }
	reg782  struct{ RegBase }
	reg783  struct{ RegBase }
	reg784  struct{ RegBase }
	reg785  struct{ RegBase }
	reg786  struct{ RegBase }
	reg787  struct{ RegBase }
	reg788  struct{ RegBase }
	reg789  struct{ RegBase }
	reg790  struct{ RegBase }
	reg791  struct{ RegBase }
	reg792  struct{ RegBase }
	reg793  struct{ RegBase }
	reg794  struct{ RegBase }
	reg795  struct{ RegBase }
	reg796  struct{ RegBase }
	reg797  struct{ RegBase }
	reg798  struct{ RegBase }
	reg799  struct{ RegBase }
	reg800  struct{ RegBase }
	reg801  struct{ RegBase }
	reg802  struct{ RegBase }
	reg803  struct{ RegBase }
	reg804  struct{ RegBase }
	reg805  struct{ RegBase }
	reg806  struct{ RegBase }
	reg807  struct{ RegBase }
	reg808  struct{ RegBase }
	reg809  struct{ RegBase }
	reg810  struct{ RegBase }
	reg811  struct{ RegBase }
	reg812  struct{ RegBase }
	reg813  struct{ RegBase }
	reg814  struct{ RegBase }
	reg815  struct{ RegBase }
	reg816  struct{ RegBase }
	reg817  struct{ RegBase }
	reg818  struct{ RegBase }
	reg819  struct{ RegBase }
	reg820  struct{ RegBase }
	reg821  struct{ RegBase }
	reg822  struct{ RegBase }
	reg823  struct{ RegBase }
	reg824  struct{ RegBase }
	reg825  struct{ RegBase }
	reg826  struct{ RegBase }
	reg827  struct{ RegBase }
	reg828  struct{ RegBase }
	reg829  struct{ RegBase }
	reg830  struct{ RegBase }
	reg831  struct{ RegBase }
	reg832  struct{ RegBase }
	reg833  struct{ RegBase }
	reg834  struct{ RegBase }
	reg835  struct{ RegBase }
	reg836  struct{ RegBase }
	reg837  struct{ RegBase }
	reg838  struct{ RegBase }
	reg839  struct{ RegBase }
	reg840  struct{ RegBase }
	reg841  struct{ RegBase }
	reg842  struct{ RegBase }
	reg843  struct{ RegBase }
	reg844  struct{ RegBase }
	reg845  struct{ RegBase }
	reg846  struct{ RegBase }
	reg847  struct{ RegBase }
	reg848  struct{ RegBase }
	reg849  struct{ RegBase }
	reg850  struct{ RegBase }
	reg851  struct{ RegBase }
	reg852  struct{ RegBase }
	reg853  struct{ RegBase }
	reg854  struct{ RegBase }
	reg855  struct{ RegBase }
	reg856  struct{ RegBase }
	reg857  struct{ RegBase }
	reg858  struct{ RegBase }
	reg859  struct{ RegBase }
	reg860  struct{ RegBase }
	reg861  struct{ RegBase }
	reg862  struct{ RegBase }
	reg863  struct{ RegBase }
	reg864  struct{ RegBase }
	reg865  struct{ RegBase }
	reg866  struct{ RegBase }
	reg867  struct{ RegBase }
	reg868  struct{ RegBase }
	reg869  struct{ RegBase }
	reg870  struct{ RegBase }
	reg871  struct{ RegBase }
	reg872  struct{ RegBase }
	reg873  struct{ RegBase }
	reg874  struct{ RegBase }
	reg875  struct{ RegBase }
	reg876  struct{ RegBase }
	reg877  struct{ RegBase }
	reg878  struct{ RegBase }
	reg879  struct{ RegBase }
	reg880  struct{ RegBase }
	reg881  struct{ RegBase }
	reg882  struct{ RegBase }
	reg883  struct{ RegBase }
	reg884  struct{ RegBase }
	reg885  struct{ RegBase }
	reg886  struct{ RegBase }
	reg887  struct{ RegBase }
	reg888  struct{ RegBase }
	reg889  struct{ RegBase }
	reg890  struct{ RegBase }
	reg891  struct{ RegBase }
	reg892  struct{ RegBase }
	reg893  struct{ RegBase }
	reg894  struct{ RegBase }
	reg895  struct{ RegBase }
	reg896  struct{ RegBase }
	reg897  struct{ RegBase }
	reg898  struct{ RegBase }
	reg899  struct{ RegBase }
	reg900  struct{ RegBase }
	reg901  struct{ RegBase }
	reg902  struct{ RegBase }
	reg903  struct{ RegBase }
	reg904  struct{ RegBase }
	reg905  struct{ RegBase }
	reg906  struct{ RegBase }
	reg907  struct{ RegBase }
	reg908  struct{ RegBase }
	reg909  struct{ RegBase }
	reg910  struct{ RegBase }
	reg911  struct{ RegBase }
	reg912  struct{ RegBase }
	reg913  struct{ RegBase }
	reg914  struct{ RegBase }
	reg915  struct{ RegBase }
	reg916  struct{ RegBase }
	reg917  struct{ RegBase }
	reg918  struct{ RegBase }
	reg919  struct{ RegBase }
	reg920  struct{ RegBase }
	reg921  struct{ RegBase }
	reg922  struct{ RegBase }
	reg923  struct{ RegBase }
	reg924  struct{ RegBase }
	reg925  struct{ RegBase }
	reg926  struct{ RegBase }
	reg927  struct{ RegBase }
	reg928  struct{ RegBase }
	reg929  struct{ RegBase }
	reg930  struct{ RegBase }
	reg931  struct{ RegBase }
	reg932  struct{ RegBase }
	reg933  struct{ RegBase }
	reg934  struct{ RegBase }
	reg935  struct{ RegBase }
	reg936  struct{ RegBase }
	reg937  struct{ RegBase }
	reg938  struct{ RegBase }
	reg939  struct{ RegBase }
	reg940  struct{ RegBase }
	reg941  struct{ RegBase }
	reg942  struct{ RegBase }
	reg943  struct{ RegBase }
	reg944  struct{ RegBase }
	reg945  struct{ RegBase }
	reg946  struct{ RegBase }
	reg947  struct{ RegBase }
	reg948  struct{ RegBase }
	reg949  struct{ RegBase }
	reg950  struct{ RegBase }
	reg951  struct{ RegBase }
	reg952  struct{ RegBase }
	reg953  struct{ RegBase }
	reg954  struct{ RegBase }
	reg955  struct{ RegBase }
	reg956  struct{ RegBase }
	reg957  struct{ RegBase }
	reg958  struct{ RegBase }
	reg959  struct{ RegBase }
	reg960  struct{ RegBase }
	reg961  struct{ RegBase }
	reg962  struct{ RegBase }
	reg963  struct{ RegBase }
	reg964  struct{ RegBase }
	reg965  struct{ RegBase }
	reg966  struct{ RegBase }
	reg967  struct{ RegBase }
	reg968  struct{ RegBase }
	reg969  struct{ RegBase }
	reg970  struct{ RegBase }
	reg971  struct{ RegBase }
	reg972  struct{ RegBase }
	reg973  struct{ RegBase }
	reg974  struct{ RegBase }
	reg975  struct{ RegBase }
	reg976  struct{ RegBase }
	reg977  struct{ RegBase }
	reg978  struct{ RegBase }
	reg979  struct{ RegBase }
	reg980  struct{ RegBase }
	reg981  struct{ RegBase }
	reg982  struct{ RegBase }
	reg983  struct{ RegBase }
	reg984  struct{ RegBase }
	reg985  struct{ RegBase }
	reg986  struct{ RegBase }
	reg987  struct{ RegBase }
	reg988  struct{ RegBase }
	reg989  struct{ RegBase }
	reg990  struct{ RegBase }
	reg991  struct{ RegBase }
	reg992  struct{ RegBase }
	reg993  struct{ RegBase }
	reg994  struct{ RegBase }
	reg995  struct{ RegBase }
	reg996  struct{ RegBase }
	reg997  struct{ RegBase }
	reg998  struct{ RegBase }
	reg999  struct{ RegBase }
	reg1000 struct{ RegBase }
	reg1001 struct{ RegBase }
	reg1002 struct{ RegBase }
	reg1003 struct{ RegBase }
	reg1004 struct{ RegBase }
	reg1005 struct{ RegBase }
	reg1006 struct{ RegBase }
	reg1007 struct{ RegBase }
	reg1008 struct{ RegBase }
	reg1009 struct{ RegBase }
	reg1010 struct{ RegBase }
	reg1011 struct{ RegBase }
	reg1012 struct{ RegBase }
	reg1013 struct{ RegBase }
	reg1014 struct{ RegBase }
	reg1015 struct{ RegBase }
	reg1016 struct{ RegBase }
	reg1017 struct{ RegBase }
	reg1018 struct{ RegBase }
	reg1019 struct{ RegBase }
	reg1020 struct{ RegBase }
	reg1021 struct{ RegBase }
	reg1022 struct{ RegBase }
	reg1023 struct{ RegBase }
	reg1024 struct{ RegBase }
	reg1025 struct{ RegBase }
	reg1026 struct{ RegBase }
	reg1027 struct{ RegBase }
	reg1028 struct{ RegBase }
	reg1029 struct{ RegBase }
	reg1030 struct{ RegBase }
	reg1031 struct{ RegBase }
	reg1032 struct{ RegBase }
	reg1033 struct{ RegBase }
	reg1034 struct{ RegBase }
	reg1035 struct{ RegBase }
	reg1036 struct{ RegBase }
	reg1037 struct{ RegBase }
	reg1038 struct{ RegBase }
	reg1039 struct{ RegBase }
	reg1040 struct{ RegBase }
	reg1041 struct{ RegBase }
	reg1042 struct{ RegBase }
	reg1043 struct{ RegBase }
	reg1044 struct{ RegBase }
	reg1045 struct{ RegBase }
	reg1046 struct{ RegBase }
	reg1047 struct{ RegBase }
	reg1048 struct{ RegBase }
	reg1049 struct{ RegBase }
	reg1050 struct{ RegBase }
	reg1051 struct{ RegBase }
	reg1052 struct{ RegBase }
	reg1053 struct{ RegBase }
	reg1054 struct{ RegBase }
	reg1055 struct{ RegBase }
	reg1056 struct{ RegBase }
	reg1057 struct{ RegBase }
	reg1058 struct{ RegBase }
	reg1059 struct{ RegBase }
	reg1060 struct{ RegBase }
	reg1061 struct{ RegBase }
	reg1062 struct{ RegBase }
	reg1063 struct{ RegBase }
	reg1064 struct{ RegBase }
	reg1065 struct{ RegBase }
	reg1066 struct{ RegBase }
	reg1067 struct{ RegBase }
	reg1068 struct{ RegBase }
	reg1069 struct{ RegBase }
	reg1070 struct{ RegBase }
	reg1071 struct{ RegBase }
	reg1072 struct{ RegBase }
	reg1073 struct{ RegBase }
	reg1074 struct{ RegBase }
	reg1075 struct{ RegBase }
	reg1076 struct{ RegBase }
	reg1077 struct{ RegBase }
	reg1078 struct{ RegBase }
	reg1079 struct{ RegBase }
	reg1080 struct{ RegBase }
	reg1081 struct{ RegBase }
	reg1082 struct{ RegBase }
	reg1083 struct{ RegBase }
	reg1084 struct{ RegBase }
	reg1085 struct{ RegBase }
	reg1086 struct{ RegBase }
	reg1087 struct{ RegBase }
	reg1088 struct{ RegBase }
	reg1089 struct{ RegBase }
	reg1090 struct{ RegBase }
	reg1091 struct{ RegBase }
	reg1092 struct{ RegBase }
	reg1093 struct{ RegBase }
	reg1094 struct{ RegBase }
	reg1095 struct{ RegBase }
	reg1096 struct{ RegBase }
	reg1097 struct{ RegBase }
	reg1098 struct{ RegBase }
	reg1099 struct{ RegBase }
	reg1100 struct{ RegBase }
	reg1101 struct{ RegBase }
	reg1102 struct{ RegBase }
	reg1103 struct{ RegBase }
	reg1104 struct{ RegBase }
	reg1105 struct{ RegBase }
	reg1106 struct{ RegBase }
	reg1107 struct{ RegBase }
	reg1108 struct{ RegBase }
	reg1109 struct{ RegBase }
	reg1110 struct{ RegBase }
	reg1111 struct{ RegBase }
	reg1112 struct{ RegBase }
	reg1113 struct{ RegBase }
	reg1114 struct{ RegBase }
	reg1115 struct{ RegBase }
	reg1116 struct{ RegBase }
	reg1117 struct{ RegBase }
	reg1118 struct{ RegBase }
	reg1119 struct{ RegBase }
	reg1120 struct{ RegBase }
	reg1121 struct{ RegBase }
	reg1122 struct{ RegBase }
	reg1123 struct{ RegBase }
	reg1124 struct{ RegBase }
	reg1125 struct{ RegBase }
	reg1126 struct{ RegBase }
	reg1127 struct{ RegBase }
	reg1128 struct{ RegBase }
	reg1129 struct{ RegBase }
	reg1130 struct{ RegBase }
	reg1131 struct{ RegBase }
	reg1132 struct{ RegBase }
	reg1133 struct{ RegBase }
	reg1134 struct{ RegBase }
	reg1135 struct{ RegBase }
	reg1136 struct{ RegBase }
	reg1137 struct{ RegBase }
	reg1138 struct{ RegBase }
	reg1139 struct{ RegBase }
	reg1140 struct{ RegBase }
	reg1141 struct{ RegBase }
	reg1142 struct{ RegBase }
	reg1143 struct{ RegBase }
	reg1144 struct{ RegBase }
	reg1145 struct{ RegBase }
	reg1146 struct{ RegBase }
	reg1147 struct{ RegBase }
	reg1148 struct{ RegBase }
	reg1149 struct{ RegBase }
	reg1150 struct{ RegBase }
	reg1151 struct{ RegBase }
	reg1152 struct{ RegBase }
	reg1153 struct{ RegBase }
	reg1154 struct{ RegBase }
	reg1155 struct{ RegBase }
	reg1156 struct{ RegBase }
	reg1157 struct{ RegBase }
	reg1158 struct{ RegBase }
	reg1159 struct{ RegBase }
	reg1160 struct{ RegBase }
	reg1161 struct{ RegBase }
	reg1162 struct{ RegBase }
	reg1163 struct{ RegBase }
	reg1164 struct{ RegBase }
	reg1165 struct{ RegBase }
	reg1166 struct{ RegBase }
	reg1167 struct{ RegBase }
	reg1168 struct{ RegBase }
	reg1169 struct{ RegBase }
	reg1170 struct{ RegBase }
	reg1171 struct{ RegBase }
	reg1172 struct{ RegBase }
	reg1173 struct{ RegBase }
	reg1174 struct{ RegBase }
	reg1175 struct{ RegBase }
	reg1176 struct{ RegBase }
	reg1177 struct{ RegBase }
	reg1178 struct{ RegBase }
	reg1179 struct{ RegBase }
	reg1180 struct{ RegBase }
	reg1181 struct{ RegBase }
	reg1182 struct{ RegBase }
	reg1183 struct{ RegBase }
	reg1184 struct{ RegBase }
	reg1185 struct{ RegBase }
	reg1186 struct{ RegBase }
	reg1187 struct{ RegBase }
	reg1188 struct{ RegBase }
	reg1189 struct{ RegBase }
	reg1190 struct{ RegBase }
	reg1191 struct{ RegBase }
	reg1192 struct{ RegBase }
	reg1193 struct{ RegBase }
	reg1194 struct{ RegBase }
	reg1195 struct{ RegBase }
	reg1196 struct{ RegBase }
	reg1197 struct{ RegBase }
	reg1198 struct{ RegBase }
	reg1199 struct{ RegBase }
)
