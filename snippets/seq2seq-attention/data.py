# 두 프레임워크가 함께 쓰는 데이터와 하이퍼파라미터 (NumPy만 씁니다).
# TensorFlow 쪽과 PyTorch 쪽은 이 파일에서 똑같은 배열을 받으므로
# 학습 데이터가 같다는 것이 보장됩니다.

# --8<-- [start:pairs]
import itertools

import numpy as np

# 작은 문법으로 영어 → 한국어 문장 쌍을 만듭니다. 영어는 주어-동사-목적어, 한국어는
# 주어-목적어-동사 순서라서(SVO → SOV) 출력 단어마다 봐야 할 입력 위치가 다릅니다.
SUBJECTS = {
    "i": "나는",
    "you": "너는",
    "she": "그녀는",
    "he": "그는",
    "we": "우리는",
    "they": "그들은",
}
VERBS = {  # 동사: (3인칭 단수형, 한국어, 어울리는 목적어)
    "drink": ("drinks", "마신다", ["coffee", "tea", "water"]),
    "read": ("reads", "읽는다", ["a book", "the news"]),
    "study": ("studies", "공부한다", ["pytorch", "tensorflow", "math"]),
    "like": ("likes", "좋아한다", ["coffee", "tea", "pytorch", "tensorflow"]),
    "eat": ("eats", "먹는다", ["bread", "rice"]),
}
OBJECTS = {
    "coffee": "커피를",
    "tea": "차를",
    "water": "물을",
    "a book": "책을",
    "the news": "뉴스를",
    "pytorch": "파이토치를",
    "tensorflow": "텐서플로를",
    "math": "수학을",
    "bread": "빵을",
    "rice": "밥을",
}
TIMES = {
    "": "",
    "every morning": "매일 아침",
    "every evening": "매일 저녁",
    "today": "오늘",
}


def make_pairs():
    pairs = []
    for subject, (verb, (verb_s, verb_ko, objects)), time in itertools.product(
        SUBJECTS, VERBS.items(), TIMES
    ):
        for obj in objects:
            english = (
                f"{subject} {verb_s if subject in ('she', 'he') else verb} {obj} {time}"
            )
            korean = f"{SUBJECTS[subject]} {TIMES[time]} {OBJECTS[obj]} {verb_ko}"
            pairs.append((" ".join(english.split()), " ".join(korean.split())))
    return pairs


PAIRS = make_pairs()  # 336쌍
# 열 쌍 중 하나는 학습에서 빼 두고, 처음 보는 문장도 번역하는지 확인합니다
held_out = np.random.default_rng(0).permutation(len(PAIRS))[: len(PAIRS) // 10]
TEST_PAIRS = [PAIRS[i] for i in sorted(held_out)]
TRAIN_PAIRS = [p for i, p in enumerate(PAIRS) if i not in set(held_out)]
HEATMAP_SENTENCE = (
    "i drink water every morning"  # 평가용 문장 가운데 어순이 크게 바뀌는 예
)
# --8<-- [end:pairs]

# --8<-- [start:vocab]
PAD, BOS, EOS = "<pad>", "<bos>", "<eos>"


def build_vocab(sentences):
    """단어 → 번호. 0번은 패딩, 1·2번은 문장 시작·끝 표시입니다."""
    words = sorted({word for sentence in sentences for word in sentence.split()})
    return {word: index for index, word in enumerate([PAD, BOS, EOS, *words])}


SRC_VOCAB = build_vocab(src for src, _ in PAIRS)
TGT_VOCAB = build_vocab(tgt for _, tgt in PAIRS)
TGT_WORDS = {index: word for word, index in TGT_VOCAB.items()}
PAD_ID, BOS_ID, EOS_ID = 0, 1, 2


def pad(rows, length):
    """길이가 다른 번호 목록을 뒤쪽에 0을 채워 (문장 수, length) 배열로 만듭니다."""
    out = np.zeros((len(rows), length), dtype=np.int64)
    for i, row in enumerate(rows):
        out[i, : len(row)] = row
    return out


SRC_LEN = max(len(s.split()) for s, _ in PAIRS)
TGT_LEN = max(len(t.split()) for _, t in PAIRS) + 1  # <eos> 자리 포함


def make_arrays(pairs):
    """인코더 입력, 디코더 입력(<bos>로 시작), 디코더 정답(<eos>로 끝)."""
    src = [[SRC_VOCAB[w] for w in s.split()] for s, _ in pairs]
    tgt = [[TGT_VOCAB[w] for w in t.split()] for _, t in pairs]
    src_len, tgt_len = SRC_LEN, TGT_LEN
    decoder_in = pad([[BOS_ID, *t] for t in tgt], tgt_len)
    decoder_out = pad([[*t, EOS_ID] for t in tgt], tgt_len)
    return pad(src, src_len), decoder_in, decoder_out


def to_words(ids):
    """번호 → 단어, <eos>에서 멈춥니다."""
    words = []
    for index in ids:
        if index == EOS_ID:
            break
        words.append(TGT_WORDS[int(index)])
    return " ".join(words)


def count_correct(tokens, pairs):
    """디코딩한 번호 (N, T)가 정답 한국어 문장과 통째로 같은 개수."""
    return sum(to_words(ids) == korean for ids, (_, korean) in zip(tokens, pairs))


# --8<-- [end:vocab]

# --8<-- [start:hparams]
EMBED_DIM = 16  # 단어 임베딩 크기
UNITS = 32  # GRU 은닉 상태 크기 = 어텐션 크기
LEARNING_RATE = 0.01
STEPS = 150  # 전체 배치(8문장) 학습 횟수
# --8<-- [end:hparams]


# --8<-- [start:plot]
def plot_attention(ax, weights, src_sentence, out_sentence, title):
    """어텐션 가중치 (출력 단어 수, 입력 단어 수)를 열지도로 그립니다."""
    src_words = src_sentence.split()
    out_words = out_sentence.split() + [EOS]
    ax.imshow(
        weights[: len(out_words), : len(src_words)], cmap="viridis", vmin=0.0, vmax=1.0
    )
    ax.set_xticks(range(len(src_words)), src_words, rotation=45, ha="right")
    ax.set_yticks(range(len(out_words)), out_words)
    ax.set_xlabel("입력 (영어)")
    ax.set_ylabel("출력 (한국어)")
    ax.set_title(title)


# --8<-- [end:plot]
