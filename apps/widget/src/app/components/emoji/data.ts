/**
 * The curated emoji set, by group (in the order of `S.emojiGroups`): `emoji name|emoji name|…`,
 * the name (English) being what search matches. Parsed once, when the picker first opens.
 */
const GROUPS = [
  // Smileys
  '😀 grinning|😃 smiley|😄 smile happy|😁 grin|😆 laughing|😅 sweat smile|🤣 rolling on the floor laughing|😂 tears of joy|🙂 slightly smiling|🙃 upside down|😉 wink|😊 blush|😇 innocent halo|🥰 smiling with hearts love|😍 heart eyes|🤩 star struck|😘 blowing a kiss|😗 kissing|😋 yum|😛 tongue|😜 winking tongue|🤪 zany crazy|🤑 money mouth|🤗 hug|🤭 hand over mouth|🤫 shush quiet|🤔 thinking|🤐 zipper mouth|🤨 raised eyebrow|😐 neutral|😑 expressionless|😶 no mouth|😏 smirk|😒 unamused|🙄 eye roll|😬 grimace|😌 relieved|😔 pensive|😪 sleepy|😴 sleeping|😷 mask sick|🤒 thermometer ill|🤕 bandage hurt|🤢 nauseated|🤧 sneezing|🥵 hot|🥶 cold|🥴 woozy|😵 dizzy|🤯 mind blown|🤠 cowboy|🥳 party|😎 sunglasses cool|🤓 nerd|🧐 monocle|😕 confused|😟 worried|🙁 frowning|😮 open mouth surprised|😲 astonished|😳 flushed|🥺 pleading|😨 fearful|😰 anxious|😢 crying sad|😭 sobbing|😱 scream|😖 confounded|😞 disappointed|😩 weary|😫 tired|🥱 yawning|😤 huffing|😠 angry|😡 pouting rage|🤬 cursing|😈 smiling devil|💀 skull|💩 poop|🤡 clown|👻 ghost|👽 alien|🤖 robot',
  // People
  '👋 waving hand hello bye|🤚 raised back of hand|✋ raised hand|🖖 vulcan salute|👌 ok hand|🤌 pinched fingers|✌️ victory peace|🤞 crossed fingers luck|🤟 love you gesture|🤘 rock on|🤙 call me|👈 pointing left|👉 pointing right|👆 pointing up|👇 pointing down|☝️ index up|👍 thumbs up yes like|👎 thumbs down no dislike|✊ raised fist|👊 fist bump|👏 clapping|🙌 raising hands celebrate|👐 open hands|🤲 palms up|🤝 handshake deal|🙏 folded hands please thanks|✍️ writing|💪 flexed biceps strong|👀 eyes look|🧠 brain|👶 baby|🧒 child|👦 boy|👧 girl|🧑 person|👨 man|👩 woman|🧓 older person|🙋 raising hand|🙇 bowing|🤦 facepalm|🤷 shrug|💁 tipping hand|🙅 no gesture|🙆 ok gesture|🧑‍💻 technologist|👩‍💼 office worker|🧑‍🔧 mechanic|🧑‍🍳 cook|👷 construction worker|🕵️ detective|🦸 superhero|🎅 santa|👪 family|💃 dancing|🏃 running',
  // Animals & nature
  '🐶 dog|🐱 cat|🐭 mouse|🐹 hamster|🐰 rabbit|🦊 fox|🐻 bear|🐼 panda|🐨 koala|🐯 tiger|🦁 lion|🐮 cow|🐷 pig|🐸 frog|🐵 monkey|🙈 see no evil monkey|🐔 chicken|🐧 penguin|🐦 bird|🦆 duck|🦉 owl|🦄 unicorn|🐝 bee|🦋 butterfly|🐢 turtle|🐍 snake|🐙 octopus|🐬 dolphin|🐳 whale|🐟 fish|🦈 shark|🐘 elephant|🦒 giraffe|🐾 paw prints|🌵 cactus|🎄 christmas tree|🌳 tree|🌴 palm tree|🌱 seedling|🍀 four leaf clover luck|🍁 maple leaf|🍂 fallen leaves autumn|🌷 tulip|🌹 rose|🌻 sunflower|🌸 cherry blossom|💐 bouquet flowers|🌞 sun with face|🌙 crescent moon|⭐ star|🌟 glowing star|⚡ lightning|🔥 fire hot|🌈 rainbow|☀️ sun sunny|⛅ partly cloudy|☁️ cloud|🌧️ rain|❄️ snowflake|⛄ snowman|🌊 ocean wave|💧 droplet',
  // Food & drink
  '🍏 green apple|🍎 red apple|🍐 pear|🍊 orange|🍋 lemon|🍌 banana|🍉 watermelon|🍇 grapes|🍓 strawberry|🍒 cherries|🍑 peach|🥭 mango|🍍 pineapple|🥥 coconut|🥝 kiwi|🍅 tomato|🥑 avocado|🥦 broccoli|🥕 carrot|🌽 corn|🌶️ hot pepper|🥐 croissant|🍞 bread|🧀 cheese|🥚 egg|🥞 pancakes|🥓 bacon|🍔 hamburger|🍟 french fries|🍕 pizza|🌭 hot dog|🥪 sandwich|🌮 taco|🌯 burrito|🥗 salad|🍝 spaghetti pasta|🍜 ramen noodles|🍣 sushi|🍤 shrimp|🍦 ice cream|🍩 doughnut|🍪 cookie|🎂 birthday cake|🍰 cake|🧁 cupcake|🍫 chocolate|🍬 candy|🍿 popcorn|☕ coffee|🍵 tea|🥤 soft drink|🧋 bubble tea|🍺 beer|🍻 clinking beers cheers|🥂 champagne toast|🍷 wine|🍸 cocktail|🍾 bottle with popping cork',
  // Travel & places
  '🚗 car|🚕 taxi|🚌 bus|🚑 ambulance|🚒 fire engine|🚓 police car|🚚 delivery truck|🚲 bicycle|🛵 scooter|🏍️ motorcycle|🚂 train|✈️ airplane flight|🚀 rocket|🛸 flying saucer|🚁 helicopter|⛵ sailboat|🚢 ship|⚓ anchor|⛽ fuel pump|🚦 traffic light|🗺️ map|🧭 compass|🏔️ mountain|🏖️ beach|🏝️ island|🏕️ camping|🏠 house home|🏡 house with garden|🏢 office building|🏥 hospital|🏦 bank|🏨 hotel|🏪 shop store|🏫 school|🏰 castle|🗼 tower|🗽 statue of liberty|🌍 globe earth world|🌆 city|🌃 night|🎡 ferris wheel|🧳 luggage|🎢 roller coaster',
  // Activities
  '⚽ soccer football|🏀 basketball|🏈 american football|⚾ baseball|🎾 tennis|🏐 volleyball|🏉 rugby|🎱 pool 8 ball|🏓 ping pong|🏸 badminton|⛳ golf|🏹 archery|🎣 fishing|🥊 boxing|⛸️ ice skate|🎿 skis|🏂 snowboarder|🏋️ weight lifting|🚴 cycling|🏊 swimming|🧘 yoga|🏆 trophy|🥇 gold medal first|🥈 silver medal|🥉 bronze medal|🎫 ticket|🎭 theater|🎨 art palette|🎬 clapper board movie|🎤 microphone|🎧 headphones|🎵 music note|🎸 guitar|🎹 piano|🥁 drum|🎮 video game|🎲 dice|🧩 puzzle|🎯 bullseye target|🎳 bowling|🎉 party popper tada|🎊 confetti|🎈 balloon|🎁 gift present|🎀 ribbon',
  // Objects
  '⌚ watch|📱 mobile phone|💻 laptop|⌨️ keyboard|🖥️ desktop computer|🖨️ printer|🖱️ computer mouse|💾 floppy disk save|📷 camera|🎥 movie camera|📺 television|📻 radio|☎️ telephone|📞 telephone receiver call|🔋 battery|🔌 electric plug|💡 light bulb idea|🔦 flashlight|🕯️ candle|💸 money with wings|💵 dollar|💶 euro|💳 credit card payment|💎 gem diamond|⚖️ balance scale|🔧 wrench|🔨 hammer|🛠️ tools|⚙️ gear settings|🧲 magnet|🔑 key|🔒 locked|🔓 unlocked|🚪 door|🛒 shopping cart|🛍️ shopping bags|📦 package box delivery|📫 mailbox|✉️ envelope|📧 email|📝 memo note|📄 page document|📅 calendar|📌 pushpin|📎 paperclip|✂️ scissors|🖊️ pen|✏️ pencil|📚 books|📖 open book|🔍 magnifying glass search|🔔 bell|📣 megaphone|⏰ alarm clock|⏳ hourglass|🧾 receipt|💊 pill|🩹 adhesive bandage',
  // Symbols
  '❤️ red heart love|🧡 orange heart|💛 yellow heart|💚 green heart|💙 blue heart|💜 purple heart|🖤 black heart|🤍 white heart|💔 broken heart|💕 two hearts|💖 sparkling heart|💯 hundred points|💢 anger|💥 collision boom|💫 dizzy|💬 speech balloon|💭 thought balloon|💤 zzz sleep|✨ sparkles|✅ check mark done|✔️ check|❌ cross mark|➕ plus|➖ minus|❓ question mark|❗ exclamation mark|‼️ double exclamation|⚠️ warning|🚫 prohibited|⛔ no entry|🔴 red circle|🟠 orange circle|🟡 yellow circle|🟢 green circle|🔵 blue circle|🟣 purple circle|⚫ black circle|⚪ white circle|⬆️ up arrow|⬇️ down arrow|⬅️ left arrow|➡️ right arrow|🔄 refresh arrows|🔁 repeat|▶️ play|⏸️ pause|🆗 ok button|🆕 new button|🆓 free button|🆘 sos help|ℹ️ information|©️ copyright|®️ registered|™️ trade mark|🏁 checkered flag finish|🚩 red flag',
];

export interface Emoji {
  char: string;
  name: string;
}

/** The emoji of each group, in order. */
export const EMOJI: Emoji[][] = GROUPS.map((g) =>
  g.split('|').map((entry) => {
    const space = entry.indexOf(' ');
    return { char: entry.slice(0, space), name: entry.slice(space + 1) };
  }),
);

/** Emoji whose name has every word of the query as a word start ("thu up" → 👍). */
export function searchEmoji(query: string): Emoji[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  return EMOJI.flat().filter((e) => {
    const name = ' ' + e.name;
    return words.every((w) => name.includes(' ' + w));
  });
}
