-- 身份证后六位 is half of the portal's identity login: it is personal data like the phone, so it is stored sealed
-- (AES-GCM, bound to the school and column), found through its own keyed blind index and listed masked (****5X).
-- V7 (a Java migration, it needs the key ring) seals the plaintext tails and empties id_tail; the column itself is
-- dropped one release later (expand/contract: a node of the previous release still selects it).
ALTER TABLE registrant
    ADD COLUMN id_tail_encrypted text,
    ADD COLUMN id_tail_index     varchar(64),
    ADD COLUMN id_tail_masked    varchar(6);

-- Identity login looks a person up by 学号/工号 (unique) and then compares this index; no index on it is needed.
