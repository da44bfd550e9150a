# 13편(Seq2Seq와 교사 강요)과 14편(Bahdanau 어텐션)이 함께 쓰는 영어 → 한국어 문장 쌍.
# 프레임워크를 불러오지 않습니다(NumPy만). 두 글의 data.py가 여기서 가져다 씁니다.

# --8<-- [start:grammar]
import itertools

import numpy as np

# 작은 문법으로 문장 쌍을 만듭니다. 영어는 주어-동사-목적어-시간, 한국어는
# 주어-시간-목적어-동사 순서라서 출력 단어마다 봐야 할 입력 위치가 다릅니다.
SUBJECTS = {
    "i": "나는",
    "you": "너는",
    "she": "그녀는",
    "he": "그는",
    "we": "우리는",
    "they": "그들은",
}
# 목적어: (마지막 목적어일 때 '을/를' 꼴, 목록 중간일 때 '와/과' 꼴)
FOODS = {
    "bread": ("빵을", "빵과"),
    "rice": ("밥을", "밥과"),
    "apples": ("사과를", "사과와"),
    "noodles": ("국수를", "국수와"),
    "cake": ("케이크를", "케이크와"),
}
DRINKS = {
    "coffee": ("커피를", "커피와"),
    "tea": ("차를", "차와"),
    "water": ("물을", "물과"),
    "milk": ("우유를", "우유와"),
    "juice": ("주스를", "주스와"),
}
VERBS = {  # 동사: (3인칭 단수형, 한국어, 어울리는 목적어)
    "eat": ("eats", "먹는다", FOODS),
    "drink": ("drinks", "마신다", DRINKS),
    "buy": ("buys", "산다", FOODS | DRINKS),
    "order": ("orders", "주문한다", FOODS | DRINKS),
}
TIMES = {
    "": "",
    "today": "오늘",
    "every morning": "매일 아침",
    "every evening": "매일 저녁",
}
MAX_OBJECTS = 3  # 목적어는 1–3개: "coffee", "coffee and tea", "coffee, tea and milk"


def make_pair(subject, verb, objects, time):
    """(영어 문장, 한국어 문장) 한 쌍을 만듭니다."""
    verb_s, verb_ko, forms = VERBS[verb]
    verb_en = verb_s if subject in ("she", "he") else verb
    if len(objects) == 1:
        listed = objects[0]
    else:  # "a and b", "a, b and c"
        listed = ", ".join(objects[:-1]) + " and " + objects[-1]
    english = f"{subject} {verb_en} {listed} {time}"
    # 한국어: 마지막 목적어만 '을/를', 앞의 것은 '와/과'로 잇습니다
    korean_objects = [forms[o][1] for o in objects[:-1]] + [forms[objects[-1]][0]]
    korean = " ".join([SUBJECTS[subject], TIMES[time], *korean_objects, verb_ko])
    return " ".join(english.split()), " ".join(korean.split())


def all_pairs(n_objects):
    """목적어가 n_objects개인 문장 쌍을 모두 만듭니다."""
    return [
        make_pair(subject, verb, objects, time)
        for subject, verb, time in itertools.product(SUBJECTS, VERBS, TIMES)
        for objects in itertools.permutations(VERBS[verb][2], n_objects)
    ]


# --8<-- [end:grammar]

# --8<-- [start:pairs]
# 목적어 개수(1, 2, 3)마다 학습용 100쌍과 평가용 100쌍을 겹치지 않게 뽑습니다.
# 평가용 문장은 학습에 한 번도 나오지 않습니다(처음 보는 조합).
PER_LENGTH = 100
_rng = np.random.default_rng(0)
TRAIN_PAIRS, TEST_PAIRS = [], []
for _n in range(1, MAX_OBJECTS + 1):
    _candidates = all_pairs(_n)
    _chosen = _rng.choice(len(_candidates), size=2 * PER_LENGTH, replace=False)
    TRAIN_PAIRS += [_candidates[i] for i in _chosen[:PER_LENGTH]]
    TEST_PAIRS += [_candidates[i] for i in _chosen[PER_LENGTH:]]
# --8<-- [end:pairs]

# --8<-- [start:vocab]
PAD, BOS, EOS = "<pad>", "<bos>", "<eos>"
PAD_ID, BOS_ID, EOS_ID = 0, 1, 2


def tokens(sentence):
    """단어 단위로 자릅니다. 쉼표도 한 단어로 셉니다."""
    return sentence.replace(",", " ,").split()


def build_vocab(sentences):
    """단어 → 번호. 0번은 패딩, 1·2번은 문장 시작·끝 표시입니다."""
    words = sorted({word for sentence in sentences for word in tokens(sentence)})
    return {word: index for index, word in enumerate([PAD, BOS, EOS, *words])}


# 사전은 문법 전체에서 만듭니다(평가 문장에도 모르는 단어가 없게)
_every_pair = [p for n in range(1, MAX_OBJECTS + 1) for p in all_pairs(n)]
SRC_VOCAB = build_vocab(src for src, _ in _every_pair)
TGT_VOCAB = build_vocab(tgt for _, tgt in _every_pair)
TGT_WORDS = {index: word for word, index in TGT_VOCAB.items()}
SRC_LEN = max(len(tokens(s)) for s, _ in _every_pair)  # 인코더 입력 길이
TGT_LEN = max(len(tokens(t)) for _, t in _every_pair) + 1  # <bos>·<eos> 자리 포함
# --8<-- [end:vocab]


# --8<-- [start:arrays]
def pad(rows, length, front=False):
    """길이가 다른 번호 목록에 0을 채워 (문장 수, length) 배열로 만듭니다.

    front=True면 앞쪽을 채웁니다(Keras pad_sequences의 기본값 'pre'와 같습니다).
    """
    out = np.zeros((len(rows), length), dtype=np.int64)
    for i, row in enumerate(rows):
        if front:
            out[i, length - len(row) :] = row
        else:
            out[i, : len(row)] = row
    return out


def make_arrays(pairs):
    """인코더 입력, 디코더 입력(<bos>로 시작), 디코더 정답(<eos>로 끝).

    인코더 입력은 앞쪽을 패딩으로 채웁니다. 그래야 인코더 GRU가 마지막 단어를 읽은
    바로 그 상태가 마지막 상태가 됩니다(패딩을 읽으며 흐려지지 않습니다).
    디코더 입력과 정답은 한 칸씩 어긋납니다. 시점 t의 입력은 정답의 t−1번째 단어라서
    모델은 '지금까지의 정답 단어'를 보고 '다음 단어'를 맞힙니다.
    """
    src = [[SRC_VOCAB[w] for w in tokens(s)] for s, _ in pairs]
    tgt = [[TGT_VOCAB[w] for w in tokens(t)] for _, t in pairs]
    decoder_in = pad([[BOS_ID, *t] for t in tgt], TGT_LEN)
    decoder_out = pad([[*t, EOS_ID] for t in tgt], TGT_LEN)
    return pad(src, SRC_LEN, front=True), decoder_in, decoder_out


# --8<-- [end:arrays]


# --8<-- [start:evaluate]
def to_words(ids):
    """번호 → 한국어 문장, <eos>에서 멈춥니다."""
    words = []
    for index in ids:
        if index == EOS_ID:
            break
        words.append(TGT_WORDS[int(index)])
    return " ".join(words)


def count_correct(tokens_out, pairs):
    """디코딩한 번호 (N, T)가 정답 한국어 문장과 통째로 같은 개수."""
    return sum(to_words(ids) == korean for ids, (_, korean) in zip(tokens_out, pairs))


SOURCE_LENGTHS = list(range(3, SRC_LEN + 1))  # 입력 단어 수(쉼표 포함): 3–9


def accuracy_by_length(tokens_out, pairs):
    """입력 단어 수마다 문장이 통째로 맞은 비율 {길이: 정확도}."""
    right = {n: [] for n in SOURCE_LENGTHS}
    for ids, (english, korean) in zip(tokens_out, pairs):
        right[len(tokens(english))].append(to_words(ids) == korean)
    return {n: float(np.mean(hits)) for n, hits in right.items() if hits}


# --8<-- [end:evaluate]
