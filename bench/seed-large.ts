/**
 * Seeds a PostgreSQL database with a large, realistic workspace for the search and inbox
 * benchmarks: 5 sites, 10 agents, 80,000 visitors, 100,000 conversations, 1,000,000 messages.
 *
 * Usage: `npm run seed -w bench` (or `npx tsx bench/seed-large.ts`). Environment:
 *   BENCH_PG_URL   server to use (default postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_DB       database to (re)create (default parley_bench; dropped first!)
 *   BENCH_CONVERSATIONS, BENCH_MESSAGES   sizes (defaults 100000 and 1000000)
 *
 * Speed: rows are generated inside PostgreSQL (generate_series) in chunks, with the bulk-loaded
 * tables' secondary indexes dropped during the load and rebuilt afterwards, and foreign-key
 * triggers off for the loading session (session_replication_role = replica; needs a superuser).
 */
import pg from 'pg';
import { loadConfig } from '../apps/server/src/config';
import { openDatabase } from '../apps/server/src/db/client';
import { bootstrap } from '../apps/server/src/modules/setup/service';
import { insertSite } from '../apps/server/src/modules/sites/service';
import { insertAgent } from '../apps/server/src/modules/agents/service';
import { BENCH_ADMIN, BENCH_AGENT, BENCH_PASSWORD, benchDatabaseUrl } from './bench-db';

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const VISITORS = Math.round(CONVERSATIONS * 0.8);
const CHUNK = 10_000;
const SITES = ['Acme Shop', 'Acme Travel', 'Acme Bank', 'Acme Games', 'Acme Health'];

const FIRST = 'James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy Matthew Betty Anthony Margaret Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Dorothy George Melissa Timothy Deborah Ronald Stephanie Edward Rebecca Jason Sharon Jeffrey Laura Ryan Cynthia Jacob Kathleen Gary Amy Nicholas Angela Eric Shirley Jonathan Anna Stephen Brenda Larry Pamela Justin Emma Scott Nicole Brandon Helen Benjamin Samantha Samuel Katherine Gregory Christine Alexander Debra Frank Rachel Patrick Carolyn Raymond Janet Jack Catherine Dennis Maria Jerry Heather Tyler Diane Aaron Ruth Jose Julie Adam Olivia Henry Joyce Nathan Virginia Douglas Victoria Zachary Kelly Peter Lauren Kyle Christina Ethan Joan Walter Evelyn Noah Judith Jeremy Megan Christian Andrea Keith Cheryl Roger Hannah Terry Jacqueline Gerald Martha Harold Gloria Sean Teresa Austin Ann Carl Sara Arthur Madison Lawrence Frances Dylan Kathryn Jesse Janice Jordan Jean Bryan Abigail Billy Alice Joe Judy Bruce Sophia Gabriel Grace Logan Denise Albert Amber Willie Doris Alan Marilyn Juan Danielle Wayne Beverly Elijah Isabella Randy Theresa Roy Diana Vincent Natalie Ralph Brittany Eugene Charlotte Russell Marie Bobby Kayla Mason Alexis Philip Lori'.split(' ');
const LAST = 'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez Mcdonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Hansen Peters Santos Hart Bradley Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry Perkins Hoffman Johnston Matthews Pena Richards Contreras Willis Carpenter Lawrence Sandoval'.split(' ');
const DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'proton.me', 'example.org', 'acme-corp.com', 'mail.de', 'orange.fr'];
// Everyday words first (the generator favours the front of the list), support vocabulary after.
const WORDS = `the i to a you and it my is for of in have on this that with can not be me please we your order but help
thanks hi hello what how do are will just get would there if so was at from no yes any when about did know need like one
could time still want an or they it's i'm don't been here see all now by check our us has up out account why back already
email which new them should where then payment got other sure problem some make only also thank let more look day today
card working issue again after two website number find days work into same received send price help app password change
delivery shipping refund return item package tracking product invoice subscription cancel login address phone update wrong
charged twice error page message support agent question answer week month address billing plan upgrade downgrade discount
code coupon voucher gift size color stock available shipped arrived damaged broken missing late delayed courier warehouse
store pickup exchange replacement warranty repair receipt transaction bank transfer paypal visa mastercard checkout cart basket
reset verify confirmation link expired locked blocked unlock security two-factor notification settings profile delete
download install android iphone browser chrome firefox safari laptop tablet screen loading crash slow bug feature request
booking reservation flight hotel ticket seat luggage baggage passport visa insurance claim appointment doctor prescription
clinic insurance coverage deductible balance statement loan mortgage interest savings deposit withdrawal atm pin fraud dispute
level game server lag purchase coins gems character tournament leaderboard achievement rewards membership premium trial free
monday tuesday wednesday thursday friday saturday sunday morning afternoon evening tomorrow yesterday weekend holiday
london paris berlin madrid rome amsterdam dublin lisbon vienna prague warsaw stockholm oslo copenhagen helsinki zurich
excellent great awesome perfect terrible awful disappointed frustrated happy satisfied unacceptable urgent immediately
manager supervisor escalate complaint feedback review rating survey recommend competitor contract terms policy privacy gdpr
export import integration api webhook token documentation tutorial guide video training onboarding migration backup restore
serial model version firmware battery charger cable adapter headphones keyboard mouse printer router modem wifi bluetooth`
  .split(/\s+/)
  .filter(Boolean);

const t0 = performance.now();
const log = (msg: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${msg}`);

const { admin: adminUrl, url } = benchDatabaseUrl();
const dbName = new URL(url).pathname.slice(1);
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`drop database if exists ${dbName} with (force)`);
await admin.query(`create database ${dbName}`);
await admin.end();
log(`created database ${dbName}`);

// Schema (migrations), workspace, sites and agents through Parley's own code.
const config = loadConfig({ DATABASE_URL: url, DEMO_PAGE: 'false', LOG_LEVEL: 'silent' });
const database = await openDatabase({ url, poolSize: 2 });
await bootstrap(database.db, config);
const client = new pg.Client({ connectionString: url });
await client.connect();
const q = (text: string, values: unknown[] = []) => client.query(text, values);
const workspaceId: string = (await q('select id from workspaces limit 1')).rows[0].id;
const siteIds: string[] = [];
for (const name of SITES) siteIds.push((await insertSite(database.db, workspaceId, { name, domains: ['localhost'], settings: {} })).id);
// Agent k serves sites k%5 and (k+1)%5: each site has 4 agents, each agent 2 of the 5 sites.
const agentIds: string[] = [];
for (let k = 0; k < 10; k++) {
  const email = k === 0 ? BENCH_AGENT : `agent${k}@bench.parley.test`;
  const sites = [siteIds[k % 5]!, siteIds[(k + 1) % 5]!];
  agentIds.push(await insertAgent(database.db, workspaceId, { name: `${FIRST[k]} ${LAST[k]}`, email, password: BENCH_PASSWORD, role: 'agent', maxChats: 5, siteIds: sites, pseudoName: FIRST[k] }));
}
await insertAgent(database.db, workspaceId, { name: 'Bench Admin', email: BENCH_ADMIN, password: BENCH_PASSWORD, role: 'admin', maxChats: 5, siteIds: [] });
const siteAgents = siteIds.flatMap((_, s) => agentIds.filter((_, k) => k % 5 === s || (k + 1) % 5 === s));
const departmentIds = [(await q(`insert into departments (id, workspace_id, name) values (gen_random_uuid(), $1, 'Billing') returning id`, [workspaceId])).rows[0].id, (await q(`insert into departments (id, workspace_id, name) values (gen_random_uuid(), $1, 'Technical') returning id`, [workspaceId])).rows[0].id];
await database.close();
log('schema, 5 sites, 11 agents, 2 departments');

await q('set session_replication_role = replica');
await q('set synchronous_commit = off');
await q(`set maintenance_work_mem = '512MB'`);
// uuid v7 for a given instant: ids stay time-ordered like the ones Parley creates.
await q(`create function pg_temp.uuid7(ts timestamptz) returns uuid language sql volatile as $$
  select (lpad(to_hex(floor(extract(epoch from ts) * 1000)::bigint), 12, '0') || '7' || substr(replace(gen_random_uuid()::text, '-', ''), 14))::uuid $$`);

// Drop the secondary indexes of the bulk-loaded tables; recreated from their exact definitions below.
const indexes: { name: string; def: string }[] = (
  await q(`select indexname as name, indexdef as def from pg_indexes where schemaname = 'public' and tablename in ('visitors', 'conversations', 'messages') and indexname not like '%_pkey'`)
).rows;
for (const ix of indexes) await q(`drop index "${ix.name}"`);

const SPAN_DAYS = 365;

// Visitors: a name; an email for 60%, a phone for 40% (about a quarter have neither: pending
// leads); every attribute drawn independently. Visitor n's first chat is at the same point of the
// year as conversation n / 0.8, so ids follow time.
await q(
  `create temp table bench_visitors as
   select n, pg_temp.uuid7(now() - make_interval(days => $2) + (n / $1::float8) * make_interval(days => $2)) as id,
          ($3::uuid[])[1 + floor(random() * 5)::int] as site_id,
          ($4::text[])[1 + floor(random() * cardinality($4::text[]))::int] as first, ($5::text[])[1 + floor(random() * cardinality($5::text[]))::int] as last,
          random() < 0.6 as has_email, random() < 0.4 as has_phone
   from generate_series(0, $1 - 1) n`,
  [VISITORS, SPAN_DAYS, siteIds, FIRST, LAST],
);
await q(
  `insert into visitors (id, workspace_id, site_id, name, email, phone, first_seen_at, last_seen_at)
   select id, $1, site_id, first || ' ' || last,
          case when has_email then lower(first) || '.' || lower(last) || (n % 1000) || '@' || ($2::text[])[1 + floor(random() * cardinality($2::text[]))::int] end,
          case when has_phone then '+1 ' || (200 + floor(random() * 800)::int) || ' ' || lpad(floor(random() * 10000000)::int::text, 7, '0') end,
          now(), now()
   from bench_visitors`,
  [workspaceId, DOMAINS],
);
log(`${VISITORS.toLocaleString()} visitors`);

// Conversations: spread over a year, oldest first. The newest 300 wait in the queue, the 1,500
// before them are active, the rest resolved or closed (1 in 13 of those never answered). Every
// active chat has a second agent who joined, a few closed ones too. Tags from common to very rare
// ("legal": 0.05%). Message counts vary (exponential, mean MESSAGES / CONVERSATIONS): many short
// chats, a few long ones.
const avg = MESSAGES / CONVERSATIONS;
await q(
  `create temp table bench_convs as
   select i, pg_temp.uuid7(created) as id, created, v.id as visitor_id, v.site_id, v.n as vn,
          case when i >= $1 - 300 then 'queued' when i >= $1 - 1800 then 'active' when random() < 0.25 then 'resolved' else 'closed' end as status,
          random() < 1 / 13.0 as missed, floor(random() * 4)::int as agent_slot, random() as r_tag, random() as r_priority, random() as r_dept,
          least(300, 1 + floor(-ln(1 - random()) * ($3::float8 - 0.5)))::int as n
   from (select i, now() - make_interval(days => $2) + (i / $1::float8) * make_interval(days => $2) + make_interval(secs => i % 7) as created from generate_series(0, $1 - 1) i) g
   join bench_visitors v on v.n = floor(i * 0.8)::int`,
  [CONVERSATIONS, SPAN_DAYS, avg],
);
// Land on exactly MESSAGES: one message more (or fewer) for as many chats as needed.
const diff = MESSAGES - Number((await q('select sum(n) as s from bench_convs')).rows[0].s);
await q(`update bench_convs set n = n + sign($1::int) where i in (select i from bench_convs where n > 1 order by i % 997, i limit abs($1::int))`, [diff]);
await q(
  `insert into conversations (id, workspace_id, site_id, visitor_id, status, assigned_agent_id, channel, subject, tags, priority, department_id,
                              queued_at, last_seq, last_message_at, created_at, updated_at, first_response_at, assigned_at, resolved_at, closed_at)
   select id, $1, site_id, visitor_id, status,
          case when status = 'active' or (status <> 'queued' and not missed) then ($2::uuid[])[1 + (array_position($3::uuid[], site_id) - 1) * 4 + agent_slot] end,
          case when i % 9 = 0 then 'mobile' else 'web' end, null,
          case when r_tag < 0.1 then '["billing"]' when r_tag < 0.2 then '["refund", "billing"]' when r_tag < 0.3 then '["shipping"]' when r_tag < 0.32 then '["vip"]' when r_tag < 0.36 then '["bug"]' when r_tag < 0.3605 then '["legal"]' else '[]' end::jsonb,
          case when r_priority < 0.01 then 'urgent' when r_priority < 0.06 then 'high' when r_priority < 0.12 then 'low' else 'normal' end,
          case when r_dept < 0.1 then ($4::uuid[])[1] when r_dept < 0.2 then ($4::uuid[])[2] end,
          created, n, created + make_interval(secs => n * 45), created, created + make_interval(secs => n * 45),
          case when status = 'active' or (status <> 'queued' and not missed) then created + interval '40 seconds' end,
          case when status = 'active' or (status <> 'queued' and not missed) then created + interval '30 seconds' end,
          case when status = 'resolved' then created + make_interval(secs => n * 45 + 60) end,
          case when status in ('resolved', 'closed') then created + make_interval(secs => n * 45 + 60) end
   from bench_convs`,
  [workspaceId, siteAgents, siteIds, departmentIds],
);
await q(
  `insert into conversation_participants (workspace_id, conversation_id, agent_id, joined_at)
   select $1, c.id, ($2::uuid[])[1 + (array_position($3::uuid[], c.site_id) - 1) * 4 + (c.agent_slot + 1) % 4], c.created + interval '5 minutes'
   from bench_convs c where c.status = 'active' or (c.status <> 'queued' and not c.missed and c.i % 40 = 0)`,
  [workspaceId, siteAgents, siteIds],
);
log(`${CONVERSATIONS.toLocaleString()} conversations`);

// Messages, CHUNK conversations at a time: visitor and agent take turns; seq 2 of an assigned chat
// is the "joined" event; some agent turns are internal notes; a fifth of the lines quote an
// order number; chats nobody took only have the visitor's lines. Words are drawn with a skew
// (common words far more often than rare ones).
for (let from = 0; from < CONVERSATIONS; from += CHUNK) {
  await q(
    `insert into messages (id, workspace_id, conversation_id, seq, sender_type, sender_id, sender_name, kind, body, created_at)
     select pg_temp.uuid7(at), $1, c.id, s, sender_type, sender_id, sender_name, kind, body, at
     from (
       select c.id, s, c.created + make_interval(secs => s * 45) as at,
              case when staffed and s = 2 then 'system' when staffed and s % 2 = 0 then 'agent' else 'visitor' end as sender_type,
              case when staffed and s = 2 then null when staffed and s % 2 = 0 then a.id::text else c.visitor_id::text end as sender_id,
              case when staffed and s = 2 then null when staffed and s % 2 = 0 then a.pseudo_name else v.first || ' ' || v.last end as sender_name,
              case when staffed and s = 2 then 'event' when staffed and s % 2 = 0 and (c.i + s) % 31 = 0 then 'note' else 'text' end as kind,
              case when staffed and s = 2 then a.pseudo_name || ' joined the chat'
                   else (select string_agg(($2::text[])[1 + floor(power(random(), 2.2) * cardinality($2::text[]))::int], ' ')
                         from generate_series(1, 3 + floor(random() * 22)::int + 0 * s))
                        || case when (c.i + s) % 5 = 0 then ' order ' || (10000 + floor(random() * 90000)::int) else '' end
              end as body
       from bench_convs c
       join conversations cv on cv.id = c.id
       join bench_visitors v on v.n = c.vn
       left join agents a on a.id = cv.assigned_agent_id
       cross join lateral (select cv.assigned_agent_id is not null as staffed) st
       cross join lateral generate_series(1, c.n) s
       where c.i >= $3 and c.i < $4
     ) c`,
    [workspaceId, WORDS, from, Math.min(from + CHUNK, CONVERSATIONS)],
  );
  log(`messages for conversations ${from.toLocaleString()}–${Math.min(from + CHUNK, CONVERSATIONS).toLocaleString()}`);
}

for (const ix of indexes.filter((i) => i.name === 'messages_conv_seq_idx')) await q(ix.def);
await q(`update conversations c set last_message_preview = left(m.body, 120) from messages m where m.conversation_id = c.id and m.seq = c.last_seq`);
log('last message previews');
for (const ix of indexes.filter((i) => i.name !== 'messages_conv_seq_idx')) {
  await q(ix.def);
  log(`index ${ix.name}`);
}
await q('set session_replication_role = default');
await q('vacuum analyze visitors, conversations, messages, conversation_participants');
const counts = (await q('select (select count(*) from conversations) as c, (select count(*) from messages) as m, (select count(*) from visitors) as v')).rows[0];
await client.end();
log(`done: ${Number(counts.v).toLocaleString()} visitors, ${Number(counts.c).toLocaleString()} conversations, ${Number(counts.m).toLocaleString()} messages in ${dbName}`);
